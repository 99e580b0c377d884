namespace SupportSdk.Server.Faq;

internal readonly record struct FaqQueryToken(string Term, FaqTokenKind Kind, bool IsStopword, int Start, int End);

/// <summary>Collects query tokens (queries are short, so materialising them as strings is fine).</summary>
internal readonly struct FaqQueryTokenCollector(List<FaqQueryToken> tokens) : IFaqTokenSink
{
    public void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword) =>
        tokens.Add(new FaqQueryToken(term.ToString(), kind, isStopword, start, end));
}
