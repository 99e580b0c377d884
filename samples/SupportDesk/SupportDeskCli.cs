using System.CommandLine;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk;
using SupportSdk.Server;

namespace SupportDesk;

/// <summary>The SupportDesk command line: serve, import-faq, search-faq, keys.</summary>
public static class SupportDeskCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = new Option<string>("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "support.db" };

        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key to accept (at least 24 characters). Other local users can read a command line: prefer --api-key-file or SUPPORT_API_KEY." };
        var agentKey = new Option<string?>("--agent-key") { Description = "An agent key to accept (at least 24 characters). Prefer --agent-key-file or SUPPORT_AGENT_KEY." };
        var apiKeyFile = new Option<string?>("--api-key-file") { Description = "A file holding the API key to accept (first line)." };
        var agentKeyFile = new Option<string?>("--agent-key-file") { Description = "A file holding the agent key to accept (first line)." };
        var channels = new Option<string>("--channels") { Description = "JSON file of the official channels to publish (default: the demo brand).", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "DemoData", "official-channels.json") };
        var signingKey = new Option<string?>("--signing-key") { Description = "PEM file of the manifest signing key (default: beside the database, created when missing)." };
        var store = new Option<string>("--store")
        {
            Description = "sqlite (one node, --db) or postgres (several nodes; the connection string comes from configuration ConnectionStrings:Support, e.g. the environment variable ConnectionStrings__Support).",
            DefaultValueFactory = _ => "sqlite",
        };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var serve = new Command("serve", "Run the Support API server. Seeds the demo help center and development keys on an empty database.")
        {
            urls, db, store, apiKey, apiKeyFile, agentKey, agentKeyFile, channels, signingKey,
        };
        serve.SetAction((result, ct) =>
        {
            var api = Secret("--api-key", result.GetValue(apiKey), "--api-key-file", result.GetValue(apiKeyFile), "SUPPORT_API_KEY");
            var agent = Secret("--agent-key", result.GetValue(agentKey), "--agent-key-file", result.GetValue(agentKeyFile), "SUPPORT_AGENT_KEY");
            var error = api.Error ?? agent.Error;
            return error is not null
                ? Task.FromResult(Fail(error))
                : ServeAsync(new ServeSettings(result.GetValue(urls)!, result.GetValue(db)!, api.Value, agent.Value, result.GetValue(channels)!, result.GetValue(signingKey),
                    result.GetValue(store) == "postgres"), ct);
        });

        var files = new Argument<string[]>("paths") { Description = "Zendesk Help Center export files or folders.", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import-faq", "Import a Zendesk Help Center export (articles, sections, categories).") { db, files };
        import.SetAction((result, ct) => ImportAsync(result.GetValue(db)!, result.GetValue(files)!, ct));

        var locale = new Option<string>("--locale") { Description = "en-us or zh-cn.", DefaultValueFactory = _ => "en-us" };
        locale.AcceptOnlyFromAmong("en-us", "zh-cn");
        var limit = new Option<int>("--limit") { Description = "Most results to show (1-50).", DefaultValueFactory = _ => 5 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 50)
            {
                r.AddError("--limit must be from 1 to 50.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var query = new Argument<string>("query") { Description = "What to search for." };
        var search = new Command("search-faq", "Search the help center as the API does.") { db, locale, limit, json, query };
        search.SetAction((result, ct) => SearchAsync(result.GetValue(db)!, result.GetValue(locale)!, result.GetValue(limit), result.GetValue(json), result.GetValue(query)!, ct));

        var keyKind = new Argument<string>("kind") { Description = "api or agent." };
        keyKind.AcceptOnlyFromAmong("api", "agent");
        var keyName = new Option<string>("--name") { Description = "Label (for agents: the name customers see).", DefaultValueFactory = _ => "Support" };
        var keyOut = new Option<string>("--out") { Description = "Where to write the PEM file.", DefaultValueFactory = _ => "manifest-signing-key.pem" };
        var newKey = new Command("new", "Create an official-channel manifest signing key (owner-only file) and print its public key.") { keyOut };
        newKey.SetAction(result => NewSigningKey(result.GetValue(keyOut)!));
        var keys = new Command("keys", "Manage credentials and the manifest signing key.") { newKey };
        var create = new Command("create", "Create an API or agent key and print it once.") { db, keyKind, keyName };
        create.SetAction((result, ct) => CreateKeyAsync(result.GetValue(db)!, result.GetValue(keyKind)!, result.GetValue(keyName)!, ct));
        keys.Subcommands.Add(create);

        var root = new RootCommand("SupportDesk: the standalone SupportSdk server and its admin tools.") { serve, import, search, keys };
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// A key from, in this order: its file option, its environment variable, its command-line option. A key given on
    /// the command line works but draws a warning: other local users can read a process's arguments.
    /// </summary>
    private static (string? Value, string? Error) Secret(string option, string? inline, string fileOption, string? file, string variable)
    {
        if (file is not null)
        {
            try
            {
                var value = File.ReadLines(file).FirstOrDefault()?.Trim();
                return string.IsNullOrEmpty(value) ? (null, $"{fileOption}: {file} is empty.") : (value, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, $"{fileOption}: cannot read {file} ({e.GetType().Name}).");
            }
        }

        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return (fromEnvironment.Trim(), null);
        }

        if (inline is not null)
        {
            Console.Error.WriteLine($"warning: {option} on the command line can be read by other users of this machine; use {fileOption} or {variable} instead.");
        }

        return (inline, null);
    }

    private sealed record ServeSettings(string Urls, string Db, string? ApiKey, string? AgentKey, string Channels, string? SigningKey, bool Postgres);

    private static int NewSigningKey(string path)
    {
        try
        {
            var publicKey = SupportServerAdmin.CreateManifestSigningKey(path);
            Console.WriteLine($"Wrote {Path.GetFullPath(path)} (readable by its owner only). Clients pin this public key:");
            Console.WriteLine(publicKey);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> ServeAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        var (urls, db, apiKey, agentKey) = (settings.Urls, settings.Db, settings.ApiKey, settings.AgentKey);
        if (!File.Exists(settings.Channels))
        {
            return Fail($"--channels: no file at {settings.Channels}.");
        }

        if (!Uri.TryCreate(urls.Split(';')[0], UriKind.Absolute, out _))
        {
            return Fail($"--urls '{urls}' is not an absolute URL such as http://127.0.0.1:5080.");
        }

        foreach (var key in new[] { apiKey, agentKey })
        {
            if (key is { Length: < 24 })
            {
                return Fail("Keys must be at least 24 characters.");
            }
        }

        // The content root is the program's folder, not the working directory: the host watches its content root
        // for configuration changes, and the database usually lives in the working directory, so every write woke
        // that watcher (about 8% of the server's CPU while creating tickets).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.UseSupportRequestLimits());

        // ASP.NET Core's request log and route matching write the raw URL, which can hold what a user pasted:
        // SupportDesk logs requests itself, by route pattern (RequestLog).
        builder.Logging.AddSupportServerLogFilters();

        // The connection string comes from configuration only (environment or appsettings), never from the command
        // line, where other users of the machine could read its password.
        var connectionString = builder.Configuration.GetConnectionString("Support");
        string where;
        if (settings.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return Fail("--store postgres reads its connection string from configuration ConnectionStrings:Support: set the environment variable ConnectionStrings__Support (or appsettings.json beside the program).");
            }

            try
            {
                var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                where = $"PostgreSQL database {parsed.Database} on {parsed.Host}:{parsed.Port}";
            }
            catch (ArgumentException)
            {
                return Fail("ConnectionStrings:Support is not a valid PostgreSQL connection string.");
            }
        }
        else
        {
            where = $"database {Path.GetFullPath(db)}";
        }

        var channelConfig = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddJsonFile(Path.GetFullPath(settings.Channels)).Build();
        var server = builder.Services.AddSupportServer(o =>
        {
            o.DatabasePath = db;
            Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(channelConfig, o.OfficialChannels);
            o.OfficialChannels.SigningKeyPath = settings.SigningKey;
            if (apiKey is not null)
            {
                o.ApiKeys.Add(apiKey);
            }

            if (agentKey is not null)
            {
                o.AgentKeys["Support Agent"] = agentKey;
            }
        });

        if (settings.Postgres)
        {
            server.UsePostgreSql(connectionString!);
        }

        // Any other option (rate limits, retention, support hours) from configuration, e.g. Support__RateLimitPerSecond=200.
        builder.Services.Configure<SupportServerOptions>(builder.Configuration.GetSection("Support"));
        builder.Services.AddSupportOpenApi();
        await using var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseWebSockets();
        app.UseRateLimiter();
        app.MapSupportApi();
        app.MapSupportHealthChecks();
        app.MapOpenApi();
        AgentConsole.Map(app);
        try
        {
            var admin = app.Services.GetRequiredService<SupportServerAdmin>();
            await SeedAsync(admin, Console.Out, cancellationToken);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Fail(e.Message);
        }
        catch (System.Data.Common.DbException e)
        {
            // Npgsql's messages name the host and port, never the password.
            return Fail($"The database cannot be reached: {e.Message}");
        }

        var manifestKey = app.Services.GetRequiredService<SupportServerAdmin>().GetManifestPublicKey();
        if (manifestKey is not null)
        {
            Console.WriteLine($"Official channels published at /v1/channels/official, signed by public key {manifestKey}");
        }

        Console.WriteLine($"SupportDesk listening on {string.Join(", ", app.Urls)} ({where}). Ctrl+C stops.");
        Console.WriteLine($"Agent console: {app.Urls.First().TrimEnd('/')}/agent (paste an agent key).");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>On an empty database: imports the demo help center and creates development keys, printing them once.</summary>
    public static async Task SeedAsync(SupportServerAdmin admin, TextWriter output, CancellationToken cancellationToken)
    {
        if (await admin.CountFaqArticlesAsync(cancellationToken) == 0)
        {
            var demo = Path.Combine(AppContext.BaseDirectory, "DemoData", "help_center");
            var summary = await admin.ImportZendeskHelpCenterAsync([demo], cancellationToken);
            output.WriteLine($"Seeded the demo help center: {summary.Articles} articles in {string.Join(" and ", summary.Locales)} ({summary.Pages} pages).");
        }

        if (!await admin.HasKeysAsync(cancellationToken))
        {
            var api = await admin.CreateApiKeyAsync("development", cancellationToken);
            var agent = await admin.CreateAgentKeyAsync("Demo Agent", cancellationToken);
            output.WriteLine("Created development keys. They are shown only this once; only their hashes are stored:");
            output.WriteLine($"  API key:   {api}");
            output.WriteLine($"  Agent key: {agent}");
        }
    }

    private static async Task<int> ImportAsync(string db, string[] paths, CancellationToken cancellationToken)
    {
        await using var host = BuildAdminHost(db);
        try
        {
            var summary = await host.GetRequiredService<SupportServerAdmin>().ImportZendeskHelpCenterAsync(paths, cancellationToken);
            Console.WriteLine($"Imported {summary.Articles} articles ({summary.Pages} pages), {summary.Sections} sections, {summary.Categories} categories ({string.Join(", ", summary.Locales)}).");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> SearchAsync(string db, string locale, int limit, bool json, string query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Fail("The query is empty.");
        }

        await using var host = BuildAdminHost(db);
        var results = await host.GetRequiredService<SupportServerAdmin>().SearchFaqAsync(query, locale, limit, cancellationToken);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(results, SupportJsonContext.Default.FaqSearchResults));
            return 0;
        }

        if (results.Items.Count == 0)
        {
            Console.WriteLine("No articles match.");
        }

        var rank = 1;
        foreach (var hit in results.Items)
        {
            Console.WriteLine($"{rank++}. [{hit.Id}] {hit.Title} ({hit.Locale}, score {hit.Score:0.00})");
        }

        return 0;
    }

    private static async Task<int> CreateKeyAsync(string db, string kind, string name, CancellationToken cancellationToken)
    {
        await using var host = BuildAdminHost(db);
        var admin = host.GetRequiredService<SupportServerAdmin>();
        var key = kind == "api" ? await admin.CreateApiKeyAsync(name, cancellationToken) : await admin.CreateAgentKeyAsync(name, cancellationToken);
        Console.WriteLine(key);
        return 0;
    }

    private static ServiceProvider BuildAdminHost(string db)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSupportServer(o => o.DatabasePath = db);
        return services.BuildServiceProvider();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
