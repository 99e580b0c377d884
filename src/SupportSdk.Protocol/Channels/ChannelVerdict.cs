using System.Text.Json.Serialization;

namespace SupportSdk.Channels;

/// <summary>Whether a channel is official. Wire names: <c>official</c>, <c>lookalike</c>, <c>unknown</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChannelVerdict>))]
public enum ChannelVerdict
{
    /// <summary>One of the brand's official channels.</summary>
    [JsonStringEnumMemberName("official")]
    Official,

    /// <summary>Not official, but imitates an official channel (likely a scam).</summary>
    [JsonStringEnumMemberName("lookalike")]
    Lookalike,

    /// <summary>Not official and not recognisably imitating the brand.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
