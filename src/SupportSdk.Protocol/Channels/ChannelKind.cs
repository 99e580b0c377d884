using System.Text.Json.Serialization;

namespace SupportSdk.Channels;

/// <summary>What kind of channel an input was read as. Wire names: <c>web</c>, <c>email</c>, <c>phone</c>, <c>handle</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChannelKind>))]
public enum ChannelKind
{
    /// <summary>A URL or bare domain.</summary>
    [JsonStringEnumMemberName("web")]
    Web,

    /// <summary>An e-mail address.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A phone number.</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary>A social or messaging handle (including t.me and x.com links).</summary>
    [JsonStringEnumMemberName("handle")]
    Handle,
}
