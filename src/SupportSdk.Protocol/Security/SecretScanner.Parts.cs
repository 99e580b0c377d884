using System.Text;

namespace SupportSdk.Security;

public sealed partial class SecretScanner
{
    /// <summary>Scans consecutive parts of what one author wrote — a ticket's subject and body, or one customer's
    /// consecutive messages in one chat, oldest first — each on its own and together, so a seed phrase split between
    /// them is found.</summary>
    /// <param name="parts">The parts in the order they were written. Pass only what one author wrote in a row (the
    /// cost grows with the total length): e.g. subject and body, or the new message after the same customer's
    /// previous messages in the chat, up to the last message of anyone else.</param>
    /// <returns>One list per part, in the order of <paramref name="parts"/>, each as <see cref="Scan(string)"/>
    /// would return it for that part (ordered, spans in that part), plus, for a seed phrase whose words are spread
    /// over several parts, a <see cref="SecretKind.Mnemonic"/> finding in every part it touches covering that part's
    /// words. Split phrases are reported only when the words together complete a phrase with a valid checksum
    /// (<see cref="SecretConfidence.High"/>). The last part a split phrase touches is the one that completes it:
    /// block that one; the earlier parts hold the rest of the phrase and should be redacted where they are stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its items is <see langword="null"/>.</exception>
    public IReadOnlyList<IReadOnlyList<SecretFinding>> ScanParts(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var found = new List<SecretFinding>[parts.Count];
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k] ?? throw new ArgumentNullException(nameof(parts), $"Part {k} is null.");
            found[k] = [];
            if (part.Length > 0)
            {
                Detect(part, found[k]);
            }
        }

        if (parts.Count > 1 && AnyBoundaryMayJoin(parts))
        {
            FindSplitPhrases(parts, found);
        }

        var result = new IReadOnlyList<SecretFinding>[parts.Count];
        for (var k = 0; k < parts.Count; k++)
        {
            result[k] = found[k].Count == 0 ? [] : Resolve(found[k]);
        }

        return result;
    }

    /// <summary>Whether a phrase could cross the boundary between the end of <paramref name="before"/> and the start
    /// of <paramref name="after"/>: when not, a phrase found in the two together is one found in each alone.</summary>
    internal bool MayJoin(string before, string after) => _mnemonics.MayJoin(before, after);

    private bool AnyBoundaryMayJoin(IReadOnlyList<string> parts)
    {
        for (var k = 1; k < parts.Count; k++)
        {
            if (_mnemonics.MayJoin(parts[k - 1], parts[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Joins the parts (trimmed) and looks for phrases in the joined text; a phrase with a valid checksum
    /// that crosses a part boundary is reported in each part it touches. Where two parts meet between Chinese
    /// characters with no white space at the cut, the phrase may be written together or apart, so both joins are read.</summary>
    private void FindSplitPhrases(IReadOnlyList<string> parts, List<SecretFinding>[] found)
    {
        var ambiguous = FindSplitPhrases(parts, found, spacedCjk: false);
        if (ambiguous)
        {
            FindSplitPhrases(parts, found, spacedCjk: true);
        }
    }

    private bool FindSplitPhrases(IReadOnlyList<string> parts, List<SecretFinding>[] found, bool spacedCjk)
    {
        var joined = new StringBuilder();
        var offsets = new int[parts.Count];
        var leads = new int[parts.Count];
        var lengths = new int[parts.Count];
        var ambiguous = false;
        for (var k = 0; k < parts.Count; k++)
        {
            var trimmed = parts[k].AsSpan().Trim();
            if (k > 0)
            {
                var joiner = Joiner(parts[k - 1], parts[k], spacedCjk);
                ambiguous |= joiner.Length == 0;
                joined.Append(joiner);
            }

            offsets[k] = joined.Length;
            leads[k] = trimmed.IsEmpty ? 0 : parts[k].AsSpan().IndexOf(trimmed);
            lengths[k] = trimmed.Length;
            joined.Append(trimmed);
        }

        var text = joined.ToString();
        var folded = TextNormalizer.Fold(text);
        var phrases = new List<SecretFinding>();
        _mnemonics.Scan(folded, TextNormalizer.Compact(folded), phrases);
        foreach (var phrase in phrases)
        {
            var first = PartAt(offsets, phrase.Start);
            var last = PartAt(offsets, phrase.End - 1);
            if (phrase.Confidence != SecretConfidence.High || first == last)
            {
                continue;
            }

            for (var k = first; k <= last; k++)
            {
                var start = Math.Max(phrase.Start, offsets[k]);
                var end = Math.Min(phrase.End, offsets[k] + lengths[k]);
                if (end > start)
                {
                    found[k].Add(new SecretFinding(SecretKind.Mnemonic, start - offsets[k] + leads[k], end - start, SecretConfidence.High));
                }
            }
        }

        return ambiguous;
    }

    /// <summary>What stands between two parts: a space where white space ends or starts a part, between two
    /// Chinese characters nothing (a run split in two) or, with <paramref name="spacedCjk"/>, a space (characters
    /// written apart), and a line break otherwise.</summary>
    private static string Joiner(string before, string after, bool spacedCjk)
    {
        if (before.Length == 0 || after.Length == 0)
        {
            return "\n";
        }

        if (!TextNormalizer.IsCjk(Edge(before, fromEnd: true)) || !TextNormalizer.IsCjk(Edge(after, fromEnd: false)))
        {
            return "\n";
        }

        return spacedCjk || char.IsWhiteSpace(before[^1]) || char.IsWhiteSpace(after[0]) ? " " : string.Empty;
    }

    /// <summary>The visible character at one end of a part (the normalizer removes invisible ones — format
    /// characters, variation selectors, fillers — and white space is trimmed), or '\0'.</summary>
    private static char Edge(string part, bool fromEnd)
    {
        for (var k = 0; k < part.Length; k++)
        {
            var c = fromEnd ? part[part.Length - 1 - k] : part[k];
            if (!char.IsWhiteSpace(c) && !TextNormalizer.IsInvisibleChar(c))
            {
                return c;
            }
        }

        return '\0';
    }

    private static int PartAt(int[] offsets, int position)
    {
        var k = offsets.Length - 1;
        while (k > 0 && offsets[k] > position)
        {
            k--;
        }

        return k;
    }
}
