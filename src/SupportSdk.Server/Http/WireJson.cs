using System.Text.Encodings.Web;
using System.Text.Json;
using SupportSdk.Channels;

namespace SupportSdk.Server.Http;

/// <summary>
/// The wire contexts as the server writes them: the same source-generated contracts, with non-ASCII text (Chinese,
/// '+', '&lt;') written as is instead of \u escapes, so responses stay readable. Responses are served as
/// <c>application/json</c>, never embedded in HTML, so the relaxed encoder is safe here.
/// </summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Relaxed = new(SupportJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SupportJsonContext Support { get; } = new(new JsonSerializerOptions(Relaxed));

    public static ChatJsonContext Chat { get; } = new(new JsonSerializerOptions(ChatJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static SupportSdk.Transcripts.TranscriptsJsonContext Transcripts { get; } = new(new JsonSerializerOptions(SupportSdk.Transcripts.TranscriptsJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static ChannelsJsonContext Channels { get; } = new(new JsonSerializerOptions(ChannelsJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
