using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExchangeDemo.Hosting;

/// <summary>
/// The demo's data folder, readable by its owner only: the support database, the demo keys, the manifest signing
/// key and the cookie encryption keys.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The file holding the demo's API and agent keys.</summary>
    public const string KeysFileName = "demo-keys.json";

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
    public static DemoKeys? ReadKeys(string folder)
    {
        var path = Path.Combine(folder, KeysFileName);
        try
        {
            var keys = JsonSerializer.Deserialize(File.ReadAllText(path), DemoKeysJson.Default.DemoKeys);
            return keys is { ApiKey.Length: > 0, AgentKey.Length: > 0 } ? keys : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the demo keys to a file only its owner can read (replacing an older one).</summary>
    public static string WriteKeys(string folder, DemoKeys keys)
    {
        var path = Path.Combine(folder, KeysFileName);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, keys, DemoKeysJson.Default.DemoKeys);
        return path;
    }
}

/// <summary>The keys the demo created on its first start: the website's API key and the agent console's key.</summary>
/// <param name="ApiKey">The exchange backend's API key (mints user tokens).</param>
/// <param name="AgentKey">The demo agent's key, for the agent console.</param>
/// <param name="AgentName">The agent's display name.</param>
public sealed record DemoKeys(string ApiKey, string AgentKey, string AgentName);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(DemoKeys))]
internal sealed partial class DemoKeysJson : JsonSerializerContext;
