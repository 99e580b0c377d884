namespace SupportSdk.Channels;

/// <summary>The result of <see cref="ChannelVerifier.Verify"/> for one input.</summary>
public sealed class ChannelVerification
{
    /// <summary>The input as given.</summary>
    public string Input { get; init; } = string.Empty;

    /// <summary>Official, lookalike or unknown.</summary>
    public ChannelVerdict Verdict { get; init; } = ChannelVerdict.Unknown;

    /// <summary>What the input was read as.</summary>
    public ChannelKind Kind { get; init; }

    /// <summary>
    /// The official channel matched (when official) or imitated (when a lookalike): a domain such as
    /// <c>example-exchange.com</c>, an E.164 number, or a handle such as <c>@ExampleExchange</c>.
    /// </summary>
    public string? Matched { get; init; }

    /// <summary>Why the input is a lookalike (or official with a caveat); one of <see cref="ChannelReasons"/>.</summary>
    public string? Reason { get; init; }
}
