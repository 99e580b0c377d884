using System.Net;
using System.Text;

namespace SupportSdk.Server.Faq;

/// <summary>Builds a short HTML-escaped excerpt around the best-matching region with &lt;mark&gt; highlights.</summary>
internal static class FaqSnippet
{
    public const int WindowLength = 160;
    private const int MaxMatches = 256;
    private const int SnapDistance = 20;
    private const char Ellipsis = '…';

    /// <summary>A snippet of <paramref name="text"/> (a passage) around the given matches (offsets into it).</summary>
    public static string Build(string text, List<Match> matches) => Render(text, matches);

    /// <summary>The snippet of a hit without a best passage: from the best region of the body, else from the title.</summary>
    public static string Build(FaqDocument doc, Dictionary<string, float> highlights)
    {
        var lookup = highlights.GetAlternateLookup<ReadOnlySpan<char>>();
        var matches = new List<Match>();
        var sink = new MatchSink(lookup, matches);
        FaqTokenizer.Tokenize(doc.Body.AsSpan(), ref sink);
        if (matches.Count > 0)
        {
            return Render(doc.Body, matches);
        }

        FaqTokenizer.Tokenize(doc.Title.AsSpan(), ref sink);
        if (matches.Count > 0)
        {
            return Render(doc.Title, matches);
        }

        return Render(doc.Body, matches);
    }

    private static string Render(string text, List<Match> matches)
    {
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        if (matches.Count > MaxMatches)
        {
            matches.RemoveRange(MaxMatches, matches.Count - MaxMatches);
        }

        int start = 0;
        int end = Math.Min(text.Length, WindowLength);
        if (matches.Count > 0 && text.Length > WindowLength)
        {
            var (regionStart, regionEnd) = BestRegion(matches);
            int slack = WindowLength - (regionEnd - regionStart);
            start = Math.Clamp(regionStart - (slack / 3), 0, text.Length - WindowLength);
            end = start + WindowLength;
            if (start > 0)
            {
                int limit = Math.Min(regionStart, start + SnapDistance);
                for (int i = start; i < limit; i++)
                {
                    if (char.IsWhiteSpace(text[i]))
                    {
                        start = i + 1;
                        break;
                    }
                }
            }

            if (end < text.Length)
            {
                int limit = Math.Max(regionEnd, end - SnapDistance);
                for (int i = end; i > limit; i--)
                {
                    if (char.IsWhiteSpace(text[i - 1]))
                    {
                        end = i - 1;
                        break;
                    }
                }
            }
        }

        var sb = new StringBuilder(WindowLength + 64);
        if (start > 0)
        {
            sb.Append(Ellipsis);
        }

        int pos = start;
        foreach (var m in matches)
        {
            if (m.End <= pos || m.Start < pos)
            {
                continue;
            }

            if (m.End > end)
            {
                break;
            }

            // Merge overlapping or adjacent matches into one highlight.
            int markEnd = m.End;
            foreach (var other in matches)
            {
                if (other.Start > m.Start && other.Start <= markEnd && other.End > markEnd && other.End <= end)
                {
                    markEnd = other.End;
                }
            }

            AppendEscaped(sb, text, pos, m.Start);
            sb.Append("<mark>");
            AppendEscaped(sb, text, m.Start, markEnd);
            sb.Append("</mark>");
            pos = markEnd;
        }

        AppendEscaped(sb, text, pos, end);
        if (end < text.Length)
        {
            sb.Append(Ellipsis);
        }

        return sb.ToString();
    }

    /// <summary>Window (by match index) that covers the most distinct matched terms, weighted.</summary>
    private static (int Start, int End) BestRegion(List<Match> matches)
    {
        float bestScore = -1f;
        int bestStart = matches[0].Start;
        int bestEnd = matches[0].End;
        var seen = new HashSet<int>();
        for (int l = 0; l < matches.Count; l++)
        {
            seen.Clear();
            float score = 0f;
            int regionEnd = matches[l].End;
            for (int r = l; r < matches.Count && matches[r].End - matches[l].Start <= WindowLength; r++)
            {
                if (seen.Add(matches[r].TermKey))
                {
                    score += matches[r].Weight;
                }
                else
                {
                    score += matches[r].Weight * 0.1f;
                }

                regionEnd = Math.Max(regionEnd, matches[r].End);
            }

            if (score > bestScore)
            {
                bestScore = score;
                bestStart = matches[l].Start;
                bestEnd = regionEnd;
            }
        }

        return (bestStart, bestEnd);
    }

    private static void AppendEscaped(StringBuilder sb, string text, int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        string part = text[from..to];
        if (part.Contains('\n', StringComparison.Ordinal) || part.Contains('\r', StringComparison.Ordinal))
        {
            part = part.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        }

        sb.Append(WebUtility.HtmlEncode(part));
    }

    /// <summary>A highlighted term at [Start, End) of the text, its weight, and which term it is.</summary>
    internal readonly record struct Match(int Start, int End, float Weight, int TermKey);

    private readonly struct MatchSink(Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> lookup, List<Match> matches) : IFaqTokenSink
    {
        public void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword)
        {
            if (isStopword || kind == FaqTokenKind.JoinedWord || matches.Count >= MaxMatches * 4)
            {
                return;
            }

            if (lookup.TryGetValue(term, out float weight))
            {
                matches.Add(new Match(start, end, weight, string.GetHashCode(term, StringComparison.Ordinal)));
            }
        }
    }
}
