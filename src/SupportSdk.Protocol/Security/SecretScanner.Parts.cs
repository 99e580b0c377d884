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

        if (parts.Count > 1)
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

    /// <summary>Joins the parts (trimmed) and looks for phrases in the joined text; a phrase with a valid checksum
    /// that crosses a part boundary is reported in each part it touches.</summary>
    private void FindSplitPhrases(IReadOnlyList<string> parts, List<SecretFinding>[] found)
    {
        var joined = new StringBuilder();
        var offsets = new int[parts.Count];
        var leads = new int[parts.Count];
        var lengths = new int[parts.Count];
        for (var k = 0; k < parts.Count; k++)
        {
            var trimmed = parts[k].AsSpan().Trim();
            if (k > 0)
            {
                joined.Append(Joiner(parts[k - 1].AsSpan().Trim(), trimmed));
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
    }

    /// <summary>What stands between two parts: nothing between Chinese characters written together (a run split in
    /// two), a space between Chinese characters written apart, a line break otherwise.</summary>
    private static string Joiner(ReadOnlySpan<char> before, ReadOnlySpan<char> after)
    {
        if (before.IsEmpty || after.IsEmpty || !TextNormalizer.IsCjk(before[^1]) || !TextNormalizer.IsCjk(after[0]))
        {
            return "\n";
        }

        var spaced = (before.Length > 1 && !TextNormalizer.IsCjk(before[^2])) || (after.Length > 1 && !TextNormalizer.IsCjk(after[1]));
        return spaced ? " " : string.Empty;
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
