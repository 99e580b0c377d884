namespace SupportSdk.Server.Faq;

internal static class FaqStopwords
{
    private static readonly HashSet<string> English = new(
        """
        a an the and or but if then else of at by for with about against between into through during before after
        above below to from up down in out on off over under again further once here there when where why how
        all any both each few more most other some such no nor not only own same so than too very s t can will
        just don should now i me my myself we our ours ourselves you your yours yourself yourselves he him his
        himself she her hers herself it its itself they them their theirs themselves what which who whom this
        that these those am is are was were be been being have has had having do does did doing would could
        ought im ive youre youve youd youll hes shes were weve theyre theyve isnt arent wasnt werent
        hasnt havent hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot couldnt mustnt lets thats
        whos whats heres theres whens wheres whys hows also may might must shall yet still just ok okay hi hello hey
        please thanks thank pls plz guys guy u ur yes yeah
        need want wanna gonna really right asap urgent urgently immediately help lol bro sir madam dear anyone somebody something thing stuff
        question questions problem problems issue issues
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup =
        English.GetAlternateLookup<ReadOnlySpan<char>>();

    private const string CjkStopChars = "的了吗呢吧啊呀哦嘛么我你您他她它们是在和与及或就都也还这那个怎什为之其把让给对从又很请该此并而等着过吧哪";

    public static bool IsEnglishStopword(ReadOnlySpan<char> lowerWord) => EnglishLookup.Contains(lowerWord);

    private const string CjkParticles = "的了吗呢吧啊呀哦嘛";

    private static readonly HashSet<string> CjkStopBigrams = new(
        ["怎么", "么办", "什么", "为什", "如何", "可以", "能否", "是否", "一下", "请问", "还是", "已经", "现在", "这个", "那个", "怎样", "多少", "时候", "有没", "没有", "问题", "疑问", "咨询", "请教"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CjkStopBigramLookup =
        CjkStopBigrams.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsCjkStopChar(char c) => CjkStopChars.Contains(c, StringComparison.Ordinal);

    /// <summary>Bigrams made only of function characters, or glued to a particle, carry no topical meaning.</summary>
    public static bool IsCjkStopBigram(ReadOnlySpan<char> bigram) =>
        CjkStopBigramLookup.Contains(bigram)
        || (IsCjkStopChar(bigram[0]) && IsCjkStopChar(bigram[1]))
        || CjkParticles.Contains(bigram[0], StringComparison.Ordinal)
        || CjkParticles.Contains(bigram[1], StringComparison.Ordinal);
}
