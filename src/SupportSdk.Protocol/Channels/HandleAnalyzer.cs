namespace SupportSdk.Channels;

/// <summary>Matches a handle against the official handles.</summary>
internal static class HandleAnalyzer
{
    /// <summary>
    /// Official when the handle equals an official one case-insensitively on the same network (or on any network
    /// when the network is not known, as for a bare <c>@name</c>). A lookalike when it is an official handle on the
    /// wrong network, or when its skeleton (confusables mapped, separators removed) equals, contains, or nearly
    /// spells an official handle or the brand: @Examp1eExchange, @ExampleExchange_Support, @ExampleExchangeHelp.
    /// </summary>
    public static Finding Analyze(string handle, string? network, BrandProfile brand)
    {
        handle = handle.Trim().TrimStart('@');
        var candidates = network is null ? brand.Handles : brand.Handles.Where(h => string.Equals(h.Network, network, StringComparison.Ordinal)).ToArray();
        foreach (var official in candidates)
        {
            if (string.Equals(official.Handle, handle, StringComparison.OrdinalIgnoreCase))
            {
                return Finding.Official(official.Display);
            }
        }

        var others = brand.Handles.FirstOrDefault(h => string.Equals(h.Handle, handle, StringComparison.OrdinalIgnoreCase));
        if (others is not null)
        {
            return Finding.Lookalike(others.Display, ChannelReasons.HandleVariant);
        }

        var core = Confusables.Core(handle, capitalIAsL: true);
        if (core.Length == 0)
        {
            return Finding.Unknown;
        }

        OfficialHandle? best = null;
        var bestScore = int.MaxValue;
        foreach (var official in brand.Handles)
        {
            var officialCore = Confusables.Core(official.Handle, capitalIAsL: true);
            if (officialCore.Length < 3)
            {
                continue;
            }

            var score = string.Equals(core, officialCore, StringComparison.Ordinal) ? 0
                : EditDistance.IsNearMiss(core, officialCore) ? EditDistance.Compute(core, officialCore)
                : core.Contains(officialCore, StringComparison.Ordinal) ? 100 + core.Length - officialCore.Length
                : int.MaxValue;
            if (score < bestScore || (score == bestScore && best is not null && network is not null
                && !string.Equals(best.Network, network, StringComparison.Ordinal) && string.Equals(official.Network, network, StringComparison.Ordinal)))
            {
                best = official;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            return Finding.Lookalike(best.Display, ChannelReasons.HandleVariant);
        }

        if ((brand.CoreWithin(core) ?? brand.CoreNearMiss(core)) is not null || brand.ContainsAllTokens(core))
        {
            var fallback = candidates.Count > 0 ? candidates[0] : brand.Handles.Count > 0 ? brand.Handles[0] : null;
            return Finding.Lookalike(fallback?.Display ?? brand.PrimaryDomain ?? handle, ChannelReasons.HandleVariant);
        }

        return Finding.Unknown;
    }
}
