using Microsoft.Extensions.Configuration;
using SupportSdk.Server;

namespace ExchangeDemo.Hosting;

/// <summary>
/// The support server inside the demo's process: the same Kestrel, a SQLite file in the data folder, the demo help
/// center and the demo brand's official channels (both shipped in DemoData/, SupportDesk's copy).
/// </summary>
public static class EmbeddedSupport
{
    public const string AgentName = "Mia";

    private static string DemoData => Path.Combine(AppContext.BaseDirectory, "DemoData");

    /// <summary>Adds the server; its options may also come from configuration <c>Support:*</c> (e.g. the environment
    /// variable <c>Support__SupportTimeZone=Asia/Shanghai</c>), applied over the demo's own settings.</summary>
    public static void Add(IServiceCollection services, DemoSettings settings, IConfiguration configuration)
    {
        var channels = new ConfigurationBuilder().AddJsonFile(Path.Combine(DemoData, "official-channels.json")).Build();
        services.AddSupportServer(o =>
        {
            o.DatabasePath = Path.Combine(settings.DataDirectory, "support.db");
            channels.Bind(o.OfficialChannels);
            o.OfficialChannels.SigningKeyPath = Path.Combine(settings.DataDirectory, "manifest-signing-key.pem");
            o.FaqArticleUrlTemplate = "/help/articles/{id}";

            // Every anonymous visitor reaches support through this one backend: give it room.
            o.RateLimitPerSecond = 50;
            o.RateLimitBurst = 200;

            // The demo's own webhook receiver is on loopback, which a production server refuses (SSRF): allowed here only.
            o.Webhooks.AllowPrivateTargets = true;
        });
        services.Configure<SupportServerOptions>(configuration.GetSection("Support"));
        services.AddSupportOpenApi();
    }

    /// <summary>On first start: imports the demo help center and creates the demo keys (kept in the data folder).</summary>
    public static async Task<DemoKeys> SeedAsync(SupportServerAdmin admin, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        if (await admin.CountFaqArticlesAsync(cancellationToken) == 0)
        {
            var summary = await admin.ImportZendeskHelpCenterAsync([Path.Combine(DemoData, "help_center")], cancellationToken);
            var languages = summary.Locales.Count;
            output.WriteLine(summary.Pages == summary.Articles * languages
                ? $"Imported the demo help center: {summary.Articles} articles, each in {string.Join(" and ", summary.Locales)} ({summary.Pages} pages)."
                : $"Imported the demo help center: {summary.Articles} articles in {string.Join(", ", summary.Locales)} ({summary.Pages} pages).");
        }

        if (DataFolder.ReadKeys(dataDirectory) is { } existing)
        {
            return existing;
        }

        // Only the hashes are in the database: the plain keys live in an owner-only file beside it.
        var keys = new DemoKeys(
            await admin.CreateApiKeyAsync("exchange-demo", cancellationToken),
            await admin.CreateAgentKeyAsync(AgentName, cancellationToken),
            AgentName);
        var path = DataFolder.WriteKeys(dataDirectory, keys);
        output.WriteLine($"Created the demo API and agent keys in {path} (readable by you only).");
        return keys;
    }
}
