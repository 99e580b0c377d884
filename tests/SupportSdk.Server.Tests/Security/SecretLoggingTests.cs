using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SupportSdk.Security;

namespace SupportSdk.Server.Tests.Security;

/// <summary>
/// SupportDesk run as an operator runs it, with every log category at Trace: every public secret case goes through
/// every entry point a customer (or a clumsy integrator) can put text into — bodies, query strings, headers, the
/// credential itself, chat frames, uploads, malformed requests — and the whole console output is searched for each
/// secret afterwards, and so are the database files. None may appear.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SecretLoggingTests
{
    private const string ApiKey = "ssk_api_logtest_0123456789abcdef012345";
    private const string AgentKey = "ssk_agent_logtest_0123456789abcdef0123";

    private static IEnumerable<(string Id, string Text, string[] Secrets)> Cases() =>
        File.ReadLines(TestData.Path("secrets", "secrets.public.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("expect").GetArrayLength() > 0)
            .Select(r =>
            {
                var text = r.GetProperty("text").GetString()!;
                var secrets = SecretScanner.Default.Scan(text).Select(f => text.Substring(f.Start, f.Length)).Where(s => s.Length >= 6).ToArray();
                return (r.GetProperty("id").GetString()!, text, secrets);
            })
            .Where(c => c.secrets.Length > 0);

    [Test]
    public async Task No_secret_reaches_the_log_at_trace_level_through_any_entry_point()
    {
        var cases = Cases().ToList();
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(15), "the public secret cases were not found");
        var directory = Directory.CreateTempSubdirectory("supportdesk-logs-").FullName;
        var port = FreePort();
        var log = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = Start(directory, port, log, listening);
        try
        {
            await WaitForStartAsync(listening, log);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var (id, text, _) in cases)
            {
                await RunEveryEntryPointAsync(http, port, id, text);
            }
        }
        finally
        {
            await StopAsync(process);
        }

        var stored = string.Join("\n", Directory.GetFiles(directory, "desk.db*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Directory.Delete(directory, recursive: true);
        var kept = cases.SelectMany(c => c.Secrets.Where(s => stored.Contains(s, StringComparison.Ordinal)).Select(s => $"{c.Id}: {s[..6]}…")).ToList();
        Assert.That(kept, Is.Empty, "secrets found in the database files");

        var output = log.ToString();
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "supportdesk-trace.log");
        await File.WriteAllTextAsync(file, output);
        TestContext.AddTestAttachment(file, "SupportDesk's console output at Trace");
        Assert.That(output, Does.Contain("trce:").Or.Contain("dbug:"), "the server did not log at Trace: the test would prove nothing");
        Assert.That(output, Does.Contain("POST /v1/tickets/ answered"), "the request log ran");
        var leaked = cases.SelectMany(c => c.Secrets.Where(s => output.Contains(s, StringComparison.Ordinal)).Select(s => $"{c.Id}: {s[..6]}…")).ToList();
        Assert.That(leaked, Is.Empty, "secrets found in the log");
    }

    private static async Task RunEveryEntryPointAsync(HttpClient http, int port, string id, string text)
    {
        var user = "log-" + id;
        using var tokenResponse = await Send(http, HttpMethod.Post, "/v1/user-tokens", ApiKey, new { userId = user, displayName = "Log " + id, locale = "en-us" });
        var token = (await tokenResponse.Content.ReadFromJsonAsync(SupportJsonContext.Default.UserToken))!.Token;
        var ticket = await (await Send(http, HttpMethod.Post, "/v1/tickets", token, new { subject = "help " + id, body = "hello", category = "account" }))
            .Content.ReadFromJsonAsync(SupportJsonContext.Default.Ticket);
        var chat = await (await Send(http, HttpMethod.Post, "/v1/chats", token, new { topic = "agent" })).Content.ReadFromJsonAsync(ChatJsonContext.Default.ChatThread);
        var q = Uri.EscapeDataString(text);

        // Bodies.
        Dispose(await Send(http, HttpMethod.Post, "/v1/tickets", token, new { subject = text, body = text, category = "account" }));
        Dispose(await Send(http, HttpMethod.Post, "/v1/tickets", token, new { subject = "tx", body = "tx", category = "deposit", transaction = new { asset = "ABC", network = "NEWCHAIN", txId = text, amount = 1, direction = "deposit" } }));
        Dispose(await Send(http, HttpMethod.Post, $"/v1/tickets/{ticket!.Id}/messages", token, new { body = text }));
        Dispose(await Send(http, HttpMethod.Post, $"/v1/tickets/{ticket.Id}/escalate", token, new { reason = text }));
        Dispose(await Send(http, HttpMethod.Post, $"/v1/chats/{chat!.Id}/messages", token, new { clientMessageId = "m-" + id, text }));
        Dispose(await Send(http, HttpMethod.Post, "/v1/channels/reports", token, new { input = text, where = text, note = text }));
        Dispose(await Send(http, HttpMethod.Post, "/v1/faq/articles/1001/feedback", null, new { helpful = false, comment = text }));

        // Query strings, path segments, headers and the credential.
        Dispose(await http.GetAsync("/v1/faq/search?q=" + q));
        Dispose(await http.GetAsync("/v1/faq/suggest?q=" + q));
        Dispose(await http.GetAsync("/v1/faq/articles/" + q));
        Dispose(await Send(http, HttpMethod.Get, "/v1/tickets?status=" + q + "&cursor=" + q, token, null));
        Dispose(await Send(http, HttpMethod.Get, $"/v1/chats/{chat.Id}/events?after=" + q, token, null));
        if (text.All(char.IsAscii))
        {
            // Header values are ASCII on the wire: only those cases can be sent in one.
            using (var header = new HttpRequestMessage(HttpMethod.Get, "/v1/tickets"))
            {
                header.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                header.Headers.TryAddWithoutValidation("X-Customer-Note", text.Replace('\n', ' '));
                header.Headers.TryAddWithoutValidation("Idempotency-Key", text.Replace('\n', ' '));
                Dispose(await http.SendAsync(header));
            }

            Dispose(await Send(http, HttpMethod.Get, "/v1/tickets", text.Replace('\n', ' '), null));
        }

        // Malformed requests: invalid JSON around the secret, a wrong type, a huge value.
        using (var broken = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets") { Content = new StringContent("{\"subject\": \"" + text.Replace("\n", " ") + "\", \"body\": ", Encoding.UTF8, "application/json") })
        {
            broken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Dispose(await http.SendAsync(broken));
        }

        Dispose(await Send(http, HttpMethod.Post, "/v1/tickets", token, new { subject = 5, body = new[] { text }, category = text }));

        // Uploads: the secret as a file name and as a text file's content.
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "notes.txt" } })
        using (var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/attachments") { Content = form })
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Dispose(await http.SendAsync(upload));
        }

        // The chat WebSocket: a send frame, then a malformed frame carrying the secret.
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/v1/chats/{chat.Id}/stream"), timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "ws-" + id, Text = text }, ChatJsonContext.Default.ChatFrame)),
            WebSocketMessageType.Text, true, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"send\",\"text\":\"" + text.Replace("\n", " ")), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }

    private static void Dispose(HttpResponseMessage response) => response.Dispose();

    private static Process Start(string directory, int port, StringBuilder log, TaskCompletionSource listening)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SupportDeskProgram.Path);
        foreach (var arg in new[] { "serve", "--db", Path.Combine(directory, "desk.db"), "--urls", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        // Everything at Trace, including the categories an operator would have to turn on by hand.
        info.Environment["Logging__LogLevel__Default"] = "Trace";
        info.Environment["Logging__LogLevel__Microsoft"] = "Trace";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace";
        info.Environment["SUPPORT_API_KEY"] = ApiKey;
        info.Environment["SUPPORT_AGENT_KEY"] = AgentKey;
        info.Environment["Support__RateLimitPerSecond"] = "100000";
        info.Environment["Support__RateLimitBurst"] = "100000";
        info.Environment["Support__AuthFailureBurst"] = "100000";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            Append(log, e.Data);
            if (e.Data?.Contains("SupportDesk listening", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("SupportDesk exited before it listened."));
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>Waits for the line that says the server listens (signalled by the output handler), at most a minute.</summary>
    private static async Task WaitForStartAsync(TaskCompletionSource listening, StringBuilder log)
    {
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            lock (log)
            {
                Assert.Fail("SupportDesk did not start (" + e.Message + "):\n" + log);
            }
        }
    }

    /// <summary>Stops with SIGINT, as Ctrl+C would, so the console logger flushes what it queued.</summary>
    private static async Task StopAsync(Process process)
    {
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
