namespace SupportSdk.Channels;

/// <summary>Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap neighbours).</summary>
internal static class EditDistance
{
    public static int Compute(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The largest distance still counted as imitation of a brand name of this length: 2 for names of 8+ characters,
    /// 1 for 5–7, 0 (skeleton equality only) for shorter names, where one edit yields too many innocent words.
    /// </summary>
    public static int Threshold(int brandLength) => brandLength >= 8 ? 2 : brandLength >= 5 ? 1 : 0;

    /// <summary>Whether <paramref name="candidate"/> is a near miss of <paramref name="brand"/> (equal does not count).</summary>
    public static bool IsNearMiss(string candidate, string brand)
    {
        var threshold = Threshold(brand.Length);
        return threshold > 0 && Math.Abs(candidate.Length - brand.Length) <= threshold
            && Compute(candidate, brand) is var distance && distance > 0 && distance <= threshold;
    }
}
