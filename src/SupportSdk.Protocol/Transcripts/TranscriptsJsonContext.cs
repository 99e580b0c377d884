using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk.Transcripts;

/// <summary>
/// The source-generated System.Text.Json context for signed transcripts: camelCase, no reflection. The hashes and
/// signatures cover <see cref="TranscriptSigner.CanonicalBytes(TranscriptMessage)"/>, not this serialization.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SignedTranscript))]
[JsonSerializable(typeof(TranscriptMessage))]
[JsonSerializable(typeof(TranscriptVerification))]
public sealed partial class TranscriptsJsonContext : JsonSerializerContext;
