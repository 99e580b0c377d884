namespace SupportSdk.Security;

/// <summary>A text as the detectors read it (see <see cref="TextNormalizer"/>), with the way back: every character
/// knows the span of the original text it came from, so a finding's span can be reported in the original.</summary>
internal readonly struct NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    private NormalizedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>Gets the text the caller gave.</summary>
    public string Original { get; }

    /// <summary>Gets the normalized text.</summary>
    public string Text { get; }

    /// <summary>The text unchanged.</summary>
    public static NormalizedText Identity(string text) => new(text, text, null, null);

    /// <summary>A normalized text of the same length whose character i comes from original character i.</summary>
    public static NormalizedText Aligned(string original, string text) => new(original, text, null, null);

    /// <summary>A normalized text; <paramref name="starts"/>[i]..<paramref name="ends"/>[i] is the original span of
    /// character i.</summary>
    public static NormalizedText Mapped(string original, string text, int[] starts, int[] ends) => new(original, text, starts, ends);

    /// <summary>The original index of normalized character <paramref name="index"/>.</summary>
    public int StartOf(int index) => _starts is null ? index : _starts[index];

    /// <summary>The original index just after normalized character <paramref name="index"/>.</summary>
    public int EndOf(int index) => _ends is null ? index + 1 : _ends[index];

    /// <summary>The finding with its span in the original text.</summary>
    public SecretFinding ToOriginal(SecretFinding finding)
    {
        if (_starts is null)
        {
            return finding;
        }

        var start = StartOf(finding.Start);
        var end = EndOf(finding.End - 1);
        return new SecretFinding(finding.Kind, start, Math.Max(1, end - start), finding.Confidence);
    }

    /// <summary>Maps every finding from <paramref name="from"/> on to the original text.</summary>
    public void ToOriginal(List<SecretFinding> findings, int from)
    {
        if (_starts is null)
        {
            return;
        }

        for (var i = from; i < findings.Count; i++)
        {
            findings[i] = ToOriginal(findings[i]);
        }
    }
}
