namespace SupportSdk.Server.Faq;

/// <summary>Ranking constants (BM25F field weights, saturation, query-side term weights).</summary>
internal static class FaqRanking
{
    public const int FieldCount = 4;
    public const int TitleField = 0;
    public const int LabelsField = 1;
    public const int SectionField = 2;
    public const int BodyField = 3;

    public const float K1 = 1.2f;

    // Search: BM25F field weights and length normalisation.
    public static readonly float[] FieldWeights = [3.0f, 2.0f, 1.0f, 1.0f];
    public static readonly float[] FieldB = [0.5f, 0.3f, 0.3f, 0.75f];

    // Suggest: titles dominate.
    public static readonly float[] SuggestFieldWeights = [5.0f, 1.0f, 0.5f, 0.3f];

    public const float CjkBigramWeight = 1.0f;
    public const float CjkUnigramWeight = 0.3f;

    /// <summary>Cohesion (bigram count / its rarer character's count) from which a CJK bigram counts as a word.</summary>
    public const float CjkCohesiveWord = 0.4f;

    /// <summary>The least weight of a query bigram that straddles two words.</summary>
    public const float CjkLooseBigramFloor = 0.25f;
    public const float TypoOneEditWeight = 0.7f;
    public const float TypoTwoEditWeight = 0.45f;
    public const float PrefixWeight = 0.85f;

    /// <summary>Share of the score that depends on how many of the query's own terms a document matches.</summary>
    public const float CoverageShare = 0.3f;

    /// <summary>BM25 length normalisation of passages.</summary>
    public const float PassageB = 0.5f;

    /// <summary>
    /// How much more a document scores when the query's own terms are in its title or labels (all of them: 1 +
    /// this). The words an article is about are there; the body also holds words it only mentions in passing.
    /// </summary>
    public const float TopicShare = 1.0f;
}
