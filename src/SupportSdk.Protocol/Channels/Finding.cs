namespace SupportSdk.Channels;

/// <summary>An intermediate verdict: what an input imitates (or matches) and why.</summary>
internal readonly record struct Finding(ChannelVerdict Verdict, string? Matched, string? Reason)
{
    public static readonly Finding Unknown = new(ChannelVerdict.Unknown, null, null);

    public static Finding Official(string matched, string? reason = null) => new(ChannelVerdict.Official, matched, reason);

    public static Finding Lookalike(string matched, string reason) => new(ChannelVerdict.Lookalike, matched, reason);
}
