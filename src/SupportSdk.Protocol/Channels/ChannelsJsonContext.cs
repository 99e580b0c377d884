using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk.Channels;

/// <summary>
/// The source-generated System.Text.Json context for the channel types: camelCase, enums as their wire names
/// (<see cref="ChannelWireNames"/>), no reflection. Note that the signature covers
/// <see cref="ChannelManifestSigner.CanonicalBytes"/>, not this serialization.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OfficialChannelManifest))]
[JsonSerializable(typeof(SignedChannelManifest))]
[JsonSerializable(typeof(SocialHandle))]
[JsonSerializable(typeof(ChannelKeys))]
[JsonSerializable(typeof(ChannelVerification))]
[JsonSerializable(typeof(ChannelVerdict))]
[JsonSerializable(typeof(ChannelKind))]
public sealed partial class ChannelsJsonContext : JsonSerializerContext;
