using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SupportSdk;
using SupportSdk.Channels;

namespace ExchangeCli.Cli;

/// <summary>
/// The SDK's source-generated JSON contexts as the CLI prints them: non-ASCII text (Chinese) as is rather than \u
/// escapes. Control characters are still escaped, so JSON output cannot carry terminal escape sequences.
/// </summary>
internal static class CliJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static SupportJsonContext Support { get; } = new(new JsonSerializerOptions(SupportJsonContext.Default.Options) { Encoder = Encoder });

    public static ChannelsJsonContext Channels { get; } = new(new JsonSerializerOptions(ChannelsJsonContext.Default.Options) { Encoder = Encoder });

    /// <summary>Writes one JSON document with a <see cref="Utf8JsonWriter"/> and returns it as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
