namespace SupportSdk.Channels;

/// <summary>An official account on a social or messaging network, as listed in an <see cref="OfficialChannelManifest"/>.</summary>
public sealed class SocialHandle
{
    /// <summary>The network, lower case: <c>telegram</c>, <c>x</c>, <c>instagram</c>, ... (<c>twitter</c> is treated as <c>x</c>).</summary>
    public string Network { get; init; } = string.Empty;

    /// <summary>The handle without the leading <c>@</c>, e.g. <c>ExampleExchange</c>. Compared case-insensitively.</summary>
    public string Handle { get; init; } = string.Empty;
}
