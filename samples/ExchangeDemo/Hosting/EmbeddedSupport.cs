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
        var mailbox = new ExchangeDemo.Mailbox.DemoMailbox();
        services.AddSingleton(mailbox);
        services.AddHostedService(_ => mailbox);
        var dkim = DkimKey(settings.DataDirectory);
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

            // Support's mail goes to the demo's own mailbox (/mailbox), signed with a DKIM key kept in the data folder.
            o.Email.Domain = "support.example-exchange.com";
            o.Email.Smtp.Host = "127.0.0.1";
            o.Email.Smtp.Port = mailbox.Port;
            o.Email.Smtp.DkimKeyPath = dkim;
            AddMacros(o.Macros);
        });
        services.Configure<SupportServerOptions>(configuration.GetSection("Support"));
        services.AddSingleton<IAccountGuard, ExchangeDemo.Accounts.DemoAccountGuard>(); // support locks the demo account in process
        services.AddSingleton<IEmailDirectory, ExchangeDemo.Accounts.DemoEmailDirectory>(); // whose address is whose, and their codes
        services.AddSingleton<ITransactionLookup, ExchangeDemo.Wallet.DemoChain>(); // and checks its deposits on the made-up chain
        services.AddSupportOpenApi();
    }

    /// <summary>The DKIM signing key (RSA 2048, PEM, owner-only) in the data folder, created on first start.</summary>
    private static string DkimKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "dkim-key.pem");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(rsa.ExportRSAPrivateKeyPem());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another start wrote it first.
            }
        }

        return path;
    }

    /// <summary>The demo team's canned replies, in English and Chinese (the agent console finds them while typing).</summary>
    private static void AddMacros(IList<MacroOptions> macros)
    {
        void Add(string id, string locale, string name, string body, string? status, string[] keywords, string[] tags)
        {
            var macro = new MacroOptions { Id = id, Locale = locale, Name = name, Body = body, SetStatus = status };
            foreach (var keyword in keywords)
            {
                macro.Keywords.Add(keyword);
            }

            foreach (var tag in tags)
            {
                macro.AddTags.Add(tag);
            }

            macros.Add(macro);
        }

        Add("deposit-check", "en-us", "Deposit check",
            "Hi {{customer.name}}, thanks for the details. I am checking the deposit on ticket {{ticket.id}} with our wallet team now and will update you here. — {{agent.name}}",
            null, ["deposit", "missing", "not credited"], ["deposit-check"]);
        Add("withdrawal-review", "en-us", "Withdrawal in review",
            "Hi {{customer.name}}, your withdrawal is in a routine security review; most clear within 2 hours, and you will get an e-mail when it is sent. — {{agent.name}}",
            "pending_customer", ["withdrawal", "pending", "review"], []);
        Add("resolved", "en-us", "Resolved, thanks",
            "Glad that is sorted, {{customer.name}}. If anything else comes up, just reply on this ticket. — {{agent.name}}", "resolved", ["thanks", "done", "solved"], []);
        Add("deposit-check", "zh-cn", "充值核查",
            "{{customer.name}}您好，感谢您提供的信息。我正在与钱包团队核查工单 {{ticket.id}} 中的充值，有进展会在这里通知您。——{{agent.name}}",
            null, ["充值", "未到账", "deposit"], ["deposit-check"]);
        Add("withdrawal-review", "zh-cn", "提币审核中",
            "{{customer.name}}您好，您的提币正在进行例行安全审核，通常在 2 小时内完成，发出后您会收到邮件通知。——{{agent.name}}",
            "pending_customer", ["提币", "审核", "withdrawal"], []);
        Add("resolved", "zh-cn", "已解决",
            "{{customer.name}}，很高兴问题已解决。如有其他问题，请直接回复此工单。——{{agent.name}}", "resolved", ["解决", "谢谢", "resolved"], []);
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
