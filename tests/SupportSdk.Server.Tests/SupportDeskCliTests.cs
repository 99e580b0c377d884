using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SupportSdk.Server.Tests.Infrastructure;

namespace SupportSdk.Server.Tests;

/// <summary>The SupportDesk program run as a real process, as an operator would run it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SupportDeskCliTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("supportdesk-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Db => Path.Combine(_directory, "desk.db");

    private static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunWithAsync(null, args);

    private static async Task<(int Exit, string Out, string Err)> RunWithAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static Process Start(params string[] args) => Start(null, args);

    private static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment.Remove("ConnectionStrings__Support");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(SupportDeskProgram.Path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    [Test]
    public async Task Import_then_search_prints_ranked_json()
    {
        var import = await RunAsync("import-faq", "--db", Db, TestData.HelpCenter);
        var search = await RunAsync("search-faq", "--db", Db, "--locale", "zh-cn", "--limit", "3", "--json", "提现手续费");
        var human = await RunAsync("search-faq", "--db", Db, "withdrawal fee");

        Assert.Multiple(() =>
        {
            Assert.That(import.Exit, Is.EqualTo(0), import.Err);
            Assert.That(import.Out, Does.Contain("Imported 60 articles (120 pages)"));
            Assert.That(search.Exit, Is.EqualTo(0), search.Err);
            Assert.That(human.Out, Does.StartWith("1. [1031]"));
        });
        var results = JsonSerializer.Deserialize(search.Out, SupportJsonContext.Default.FaqSearchResults)!;
        Assert.Multiple(() =>
        {
            Assert.That(results.Items, Has.Count.EqualTo(3));
            Assert.That(results.Items[0].Id, Is.EqualTo(1031));
            Assert.That(results.Items[0].Locale, Is.EqualTo("zh-cn"));
        });
    }

    [TestCase("search-faq", "--limit", "0", "fees")]
    [TestCase("search-faq", "--locale", "xx", "fees")]
    [TestCase("import-faq", "/no/such/folder")]
    [TestCase("serve", "--urls", "not a url")]
    [TestCase("serve", "--api-key", "short")]
    [TestCase("frobnicate")]
    [TestCase("serve", "--store", "mysql")]
    public async Task Bad_arguments_exit_non_zero_with_a_message(params string[] args)
    {
        var (exit, _, err) = await RunAsync([.. args, "--db", Db]);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Not.EqualTo(0));
            Assert.That(err.Trim(), Is.Not.Empty);
            Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task Serve_seeds_the_demo_and_prints_working_keys_once()
    {
        var port = FreePort();
        var (first, output) = await ServeUntilListeningAsync(port);
        string apiKey;
        try
        {
            apiKey = output.Split('\n').Single(l => l.Contains("API key:", StringComparison.Ordinal)).Split(':')[1].Trim();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            var health = await http.GetStringAsync("/health");
            using var token = await http.PostAsJsonAsync("/v1/user-tokens", new { userId = "cli-user", displayName = "CLI" });
            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain("Seeded the demo help center: 60 articles in en-us and zh-cn (120 pages)"));
                Assert.That(health, Does.Contain("\"faqArticles\":120"));
                Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            });
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            first.Dispose();
        }

        var (second, secondOutput) = await ServeUntilListeningAsync(port);
        second.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();
        second.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(secondOutput, Does.Not.Contain("API key"), "keys are shown only when created");
            Assert.That(secondOutput, Does.Not.Contain("Seeded"));
        });
    }

    [Test]
    public async Task Serve_takes_keys_from_a_file_and_warns_about_keys_on_the_command_line()
    {
        const string ApiKey = "ssk_api_fromfile_0123456789abcdef0123";
        const string AgentKey = "ssk_agent_inline_0123456789abcdef01234";
        var keyFile = Path.Combine(_directory, "api.key");
        await File.WriteAllTextAsync(keyFile, ApiKey + "\n");
        var port = FreePort();
        var (process, output) = await ServeUntilListeningAsync(port, "--api-key-file", keyFile, "--agent-key", AgentKey);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
            using var token = await http.PostAsJsonAsync("/v1/user-tokens", new { userId = "file-user", displayName = "File" });
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the key from the file is accepted");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var err = await process.StandardError.ReadToEndAsync();
        process.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(err, Does.Contain("warning: --agent-key on the command line"));
            Assert.That(err, Does.Not.Contain("--api-key on the command line"));
            Assert.That(output + err, Does.Not.Contain(ApiKey).And.Not.Contain(AgentKey), "keys given are never echoed");
        });
    }

    [Test]
    public async Task Serve_refuses_an_unreadable_key_file_with_one_line()
    {
        var (exit, _, err) = await RunAsync("serve", "--db", Db, "--api-key-file", Path.Combine(_directory, "missing.key"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Not.Zero);
            Assert.That(err.Trim(), Does.StartWith("error: --api-key-file"));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Serve_on_postgres_without_a_connection_string_says_where_to_put_it()
    {
        var (exit, _, err) = await RunAsync("serve", "--store", "postgres", "--urls", "http://127.0.0.1:1");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Not.Zero);
            Assert.That(err.Trim(), Does.StartWith("error: --store postgres").And.Contain("ConnectionStrings__Support"));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Serve_on_an_unreachable_database_fails_with_one_line_and_never_prints_the_password()
    {
        var closed = FreePort();
        var (exit, output, err) = await RunWithAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Support"] = $"Host=127.0.0.1;Port={closed};Username=support;Password=hunter2-not-for-logs;Database=support;Timeout=3" },
            "serve", "--store", "postgres", "--urls", $"http://127.0.0.1:{FreePort()}");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Not.Zero);
            Assert.That(err.Trim(), Does.StartWith("error: The database cannot be reached"));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(output + err, Does.Not.Contain("hunter2"));
        });
    }

    private async Task<(Process Process, string Output)> ServeUntilListeningAsync(int port, params string[] extra)
    {
        var process = Start(["serve", "--db", Db, "--urls", $"http://127.0.0.1:{port}", .. extra]);
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                Assert.Fail("serve exited: " + output + await process.StandardError.ReadToEndAsync());
            }

            output.AppendLine(line);
            if (line!.StartsWith("SupportDesk listening", StringComparison.Ordinal))
            {
                return (process, output.ToString());
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("serve did not start: " + output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
