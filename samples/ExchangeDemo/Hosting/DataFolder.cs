using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ExchangeDemo.Hosting;

/// <summary>
/// The demo's data folder, readable by its owner only: the support database, the demo keys, the webhook signing
/// secret, the manifest signing key and the cookie encryption keys.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The file holding the demo's API and agent keys.</summary>
    public const string KeysFileName = "demo-keys.json";

    /// <summary>The file holding the demo's webhook endpoint: its id, URL and signing secret.</summary>
    public const string WebhookFileName = "webhook.json";

    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>Reads the demo keys, or null when the file is missing or unreadable.</summary>
    public static DemoKeys? ReadKeys(string folder) =>
        Read(folder, KeysFileName, DemoKeysJson.Default.DemoKeys) is { ApiKey.Length: > 0, AgentKey.Length: > 0 } keys ? keys : null;

    /// <summary>Writes the demo keys to a file only its owner can read (replacing an older one).</summary>
    public static string WriteKeys(string folder, DemoKeys keys) => Write(folder, KeysFileName, keys, DemoKeysJson.Default.DemoKeys);

    /// <summary>Reads the demo's webhook endpoint, or null when the file is missing or unreadable.</summary>
    public static DemoWebhook? ReadWebhook(string folder) =>
        Read(folder, WebhookFileName, DemoKeysJson.Default.DemoWebhook) is { WebhookId.Length: > 0, Secret.Length: > 0 } webhook ? webhook : null;

    /// <summary>Writes the demo's webhook endpoint (with its secret) to a file only its owner can read.</summary>
    public static string WriteWebhook(string folder, DemoWebhook webhook) => Write(folder, WebhookFileName, webhook, DemoKeysJson.Default.DemoWebhook);

    private static T? Read<T>(string folder, string name, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, name)), type);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Write<T>(string folder, string name, T value, JsonTypeInfo<T> type)
    {
        var path = Path.Combine(folder, name);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, value, type);
        return path;
    }
}

/// <summary>The keys the demo created on its first start: the website's API key and the agent console's key.</summary>
/// <param name="ApiKey">The exchange backend's API key (mints user tokens).</param>
/// <param name="AgentKey">The demo agent's key, for the agent console.</param>
/// <param name="AgentName">The agent's display name.</param>
public sealed record DemoKeys(string ApiKey, string AgentKey, string AgentName);

/// <summary>The webhook endpoint the demo registered with support, so a restart reuses it.</summary>
/// <param name="SupportEndpoint">The support server it is registered with: <c>embedded</c>, or a SupportDesk's address.</param>
/// <param name="WebhookId">The endpoint id (<c>wh_…</c>).</param>
/// <param name="Url">Where support sends the events (this site's <c>/hooks/support</c>).</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>), shown by support only once.</param>
public sealed record DemoWebhook(string SupportEndpoint, string WebhookId, string Url, string Secret);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(DemoKeys))]
[JsonSerializable(typeof(DemoWebhook))]
internal sealed partial class DemoKeysJson : JsonSerializerContext;
