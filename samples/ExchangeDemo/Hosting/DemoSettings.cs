namespace ExchangeDemo.Hosting;

/// <summary>How the demo was started (command line).</summary>
/// <param name="Urls">Where the website (and the embedded support server) listens.</param>
/// <param name="DataDirectory">The app's data folder: SQLite database, demo keys, signing and cookie keys.</param>
/// <param name="SupportEndpoint">A running SupportDesk to use instead of the embedded server, or null.</param>
/// <param name="ApiKey">The API key for <paramref name="SupportEndpoint"/>.</param>
/// <param name="ManifestPublicKey">The key that signs <paramref name="SupportEndpoint"/>'s official-channel manifest.</param>
public sealed record DemoSettings(string Urls, string DataDirectory, Uri? SupportEndpoint, string? ApiKey, string? ManifestPublicKey)
{
    /// <summary>Gets whether the support server runs inside this process.</summary>
    public bool Embedded => SupportEndpoint is null;

    /// <summary>The default data folder: LocalApplicationData/SupportSdk/ExchangeDemo.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "SupportSdk", "ExchangeDemo");
}
