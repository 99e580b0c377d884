namespace SupportSdk.Channels;

/// <summary>Wire names of the channel enums, as used in JSON and in logs.</summary>
public static class ChannelWireNames
{
    /// <summary>The wire name of a verdict: <c>official</c>, <c>lookalike</c> or <c>unknown</c>.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this ChannelVerdict verdict) => verdict switch
    {
        ChannelVerdict.Official => "official",
        ChannelVerdict.Lookalike => "lookalike",
        ChannelVerdict.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>The wire name of a channel kind: <c>web</c>, <c>email</c>, <c>phone</c> or <c>handle</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this ChannelKind kind) => kind switch
    {
        ChannelKind.Web => "web",
        ChannelKind.Email => "email",
        ChannelKind.Phone => "phone",
        ChannelKind.Handle => "handle",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
    };

    /// <summary>Parses a verdict wire name (case-insensitive).</summary>
    /// <param name="wireName">The wire name.</param>
    /// <param name="verdict">The parsed verdict.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseVerdict(string? wireName, out ChannelVerdict verdict)
    {
        foreach (var candidate in (ReadOnlySpan<ChannelVerdict>)[ChannelVerdict.Official, ChannelVerdict.Lookalike, ChannelVerdict.Unknown])
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = ChannelVerdict.Unknown;
        return false;
    }
}
