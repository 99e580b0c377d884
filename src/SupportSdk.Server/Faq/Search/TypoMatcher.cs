namespace SupportSdk.Server.Faq;

/// <summary>
/// Finds vocabulary terms close to a misspelled query word (restricted Damerau-Levenshtein / OSA distance). The
/// forms compared are the index terms and the unstemmed words they came from ("liquidaton" is one edit from
/// "liquidation", whose term is "liquid"); a match answers the index term.
/// Distance 1 uses a symmetric single-deletion index (hash of every 1-deletion variant -> term id);
/// distance 2 scans only the length bucket of plausible candidates with a banded, early-exit distance.
/// </summary>
internal sealed class TypoMatcher
{
    public const int MinLengthForOneEdit = 4;
    public const int MinLengthForTwoEdits = 8;

    private readonly string[] _terms;       // the forms
    private readonly int[] _formTerm;       // form id -> index term id
    private readonly ulong[] _deletionKeys; // (hash << 32) | formId, sorted
    private readonly int[] _byLength;       // form ids grouped by length
    private readonly int[] _lengthStart;    // _lengthStart[len] .. _lengthStart[len + 1]

    public TypoMatcher(string[] terms, int[] formTerm)
    {
        _terms = terms;
        _formTerm = formTerm;
        var keys = new List<ulong>();
        int maxLen = 0;
        var eligible = new List<int>();
        Span<char> buffer = stackalloc char[FaqTokenizer.MaxWordLength];
        for (int id = 0; id < terms.Length; id++)
        {
            string t = terms[id];
            if (!IsEligible(t))
            {
                continue;
            }

            eligible.Add(id);
            maxLen = Math.Max(maxLen, t.Length);
            keys.Add(Key(t, id));
            for (int skip = 0; skip < t.Length; skip++)
            {
                int n = DeleteAt(t, skip, buffer);
                keys.Add(Key(buffer[..n], id));
            }
        }

        _deletionKeys = [.. keys];
        Array.Sort(_deletionKeys);

        _lengthStart = new int[maxLen + 2];
        foreach (int id in eligible)
        {
            _lengthStart[terms[id].Length + 1]++;
        }

        for (int i = 1; i < _lengthStart.Length; i++)
        {
            _lengthStart[i] += _lengthStart[i - 1];
        }

        _byLength = new int[eligible.Count];
        var fill = (int[])_lengthStart.Clone();
        foreach (int id in eligible)
        {
            _byLength[fill[terms[id].Length]++] = id;
        }
    }

    /// <summary>Adds (termId, distance) pairs for near terms of <paramref name="query"/>; returns the count added.</summary>
    public int FindNear(string query, List<(int TermId, int Distance)> results)
    {
        if (query.Length < MinLengthForOneEdit || !IsEligible(query))
        {
            return 0;
        }

        int before = results.Count;
        int maxDistance = query.Length >= MinLengthForTwoEdits ? 2 : 1;
        Span<char> buffer = stackalloc char[FaqTokenizer.MaxWordLength];
        Probe(query, query, results);
        for (int skip = 0; skip < query.Length; skip++)
        {
            int n = DeleteAt(query, skip, buffer);
            Probe(buffer[..n], query, results);
        }

        if (maxDistance == 2)
        {
            int lo = Math.Max(0, query.Length - 2);
            int hi = Math.Min(_lengthStart.Length - 2, query.Length + 2);
            for (int len = lo; len <= hi; len++)
            {
                for (int k = _lengthStart[len]; k < _lengthStart[len + 1]; k++)
                {
                    int id = _byLength[k];
                    string t = _terms[id];
                    if (t[0] != query[0] && t[^1] != query[^1])
                    {
                        continue;
                    }

                    int d = Distance(query, t, 2);
                    if (d == 2 && !Contains(results, 0, _formTerm[id]))
                    {
                        results.Add((_formTerm[id], d));
                    }
                }
            }
        }

        return results.Count - before;
    }

    private void Probe(ReadOnlySpan<char> variant, string query, List<(int TermId, int Distance)> results)
    {
        uint hash = Hash(variant);
        ulong lowKey = (ulong)hash << 32;
        int i = LowerBound(_deletionKeys, lowKey);
        for (; i < _deletionKeys.Length && (uint)(_deletionKeys[i] >> 32) == hash; i++)
        {
            int id = (int)(_deletionKeys[i] & 0xFFFFFFFF);
            if (Contains(results, 0, _formTerm[id]))
            {
                continue;
            }

            int d = Distance(query, _terms[id], 1);
            if (d == 1)
            {
                results.Add((_formTerm[id], d));
            }
        }
    }

    private static bool Contains(List<(int TermId, int Distance)> results, int from, int id)
    {
        for (int i = from; i < results.Count; i++)
        {
            if (results[i].TermId == id)
            {
                return true;
            }
        }

        return false;
    }

    private static int LowerBound(ulong[] a, ulong key)
    {
        int lo = 0;
        int hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool IsEligible(string t)
    {
        if (t.Length < MinLengthForOneEdit - 1 || t.Length > FaqTokenizer.MaxWordLength)
        {
            return false;
        }

        foreach (char c in t)
        {
            if (c < 'a' || c > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static int DeleteAt(string t, int skip, Span<char> buffer)
    {
        t.AsSpan(0, skip).CopyTo(buffer);
        t.AsSpan(skip + 1).CopyTo(buffer[skip..]);
        return t.Length - 1;
    }

    private static ulong Key(ReadOnlySpan<char> s, int id) => ((ulong)Hash(s) << 32) | (uint)id;

    private static uint Hash(ReadOnlySpan<char> s)
    {
        uint h = 2166136261;
        foreach (char c in s)
        {
            h = (h ^ c) * 16777619;
        }

        return h;
    }

    /// <summary>Optimal string alignment distance; returns max + 1 as soon as it must exceed max.</summary>
    public static int Distance(string a, string b, int max)
    {
        int n = a.Length;
        int m = b.Length;
        if (Math.Abs(n - m) > max)
        {
            return max + 1;
        }

        Span<int> prev2 = stackalloc int[m + 1];
        Span<int> prev = stackalloc int[m + 1];
        Span<int> cur = stackalloc int[m + 1];
        for (int j = 0; j <= m; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= n; i++)
        {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j <= m; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            Span<int> tmp = prev2;
            prev2 = prev;
            prev = cur;
            cur = tmp;
        }

        return Math.Min(prev[m], max + 1);
    }
}
