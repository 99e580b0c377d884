using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.AspNetCore.Tests;

/// <summary>
/// The README's webhook snippets, compiled and run here; each test also checks that the README holds the lines between
/// its markers, character for character (leading indentation aside), so the two cannot drift apart.
/// </summary>
[TestFixture]
public sealed class ReadmeSnippetTests
{
    private static readonly string SourceFile = Path.Combine(TestData.RepositoryRoot, "tests", "SupportSdk.AspNetCore.Tests", "ReadmeSnippetTests.cs");

    [Test]
    public async Task The_receiver_snippet_notifies_on_an_agent_reply_and_alerts_on_a_blocked_secret()
    {
        var notifications = new Notifications();
        var security = new Security();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SupportWebhooks:Secrets:0"] = ReceiverHost.Secret });

        // snippet: receiver
        builder.Services.AddSupportWebhooks().BindConfiguration("SupportWebhooks"); // SupportWebhooks:Secrets:0 = whsec_… (old and new during a rotation)
        var app = builder.Build();
        app.MapSupportWebhooks("/hooks/support", async (WebhookEvent e, CancellationToken ct) =>
        {
            if (e.TryGetMessage(out var message) && message.From.Role == AuthorRole.Agent && e.TryGetTicket(out var ticket))
            {
                await notifications.NotifyAsync(ticket.Customer.UserId, "Support replied to your ticket", ct);
            }
            else if (e.TryGetSecretBlocked(out var blocked))
            {
                await security.AlertAsync(blocked.UserId, blocked.Kinds, ct); // someone may be phishing this user
            }
        });
        // end snippet

        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
            var reply = """{"id":"evt_1","type":"ticket.message_added","occurredAt":"2026-11-01T00:00:00Z","ticketId":"tkt_01","sequence":2,"data":{"ticket":"""
                + Events.TicketJson + ""","message":{"id":"m_2","seq":2,"body":"Credited.","from":{"role":"agent","name":"Ana"},"createdAt":"2026-11-01T00:00:00Z"}}}""";
            var customer = reply.Replace("\"role\":\"agent\"", "\"role\":\"customer\"", StringComparison.Ordinal).Replace("evt_1", "evt_2", StringComparison.Ordinal);
            var blocked = """{"id":"evt_3","type":"secret.blocked","occurredAt":"2026-11-01T00:00:00Z","ticketId":"tkt_01","sequence":3,"data":{"kinds":["mnemonic"],"where":"ticket_message","userId":"u_42"}}""";
            var answers = new List<HttpStatusCode>();
            foreach (var (id, body) in new[] { ("evt_1", reply), ("evt_2", customer), ("evt_3", blocked), ("evt_1", reply) })
            {
                using var response = await client.SendAsync(Signed(body, id));
                answers.Add(response.StatusCode);
            }

            Assert.Multiple(() =>
            {
                Assert.That(answers, Is.All.EqualTo(HttpStatusCode.NoContent));
                Assert.That(notifications.Sent, Is.EqualTo(new[] { "u_42: Support replied to your ticket" }), "the agent's reply once; the customer's own message not");
                Assert.That(security.Alerts, Is.EqualTo(new[] { "u_42: mnemonic" }));
                Assert.That(ReadmeHolds("receiver"), Is.True, "README.md holds the receiver snippet as compiled here");
            });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Test]
    public async Task The_verifier_snippet_answers_204_to_a_signed_event_and_401_to_a_forged_one()
    {
        var handled = new List<string>();
        Task Handle(WebhookEvent e)
        {
            handled.Add(e.Id);
            return Task.CompletedTask;
        }

        async Task<int> ReceiveAsync(byte[] body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets)
        {
            // snippet: verify
            try
            {
                var e = SupportWebhooks.ParseEvent(body, headers, secrets); // the body's raw bytes; header names in any case
                await Handle(e); // once per e.Id (a retry or a redelivery has the same id), then answer 2xx
                return 204;
            }
            catch (WebhookVerificationException ex)
            {
                Console.Error.WriteLine($"Webhook refused: {ex.Failure}"); // MissingHeader, SignatureMismatch, TimestampOutOfTolerance, …
                return 401; // and nothing more: the reason would help a forger
            }
            // end snippet
        }

        var body = Events.TicketCreated("evt_1");
        using var good = Signed(body, "evt_1");
        using var forged = Signed(body, "evt_1", WebhookSignature.NewSecret());

        var goodAnswer = await ReceiveAsync(Encoding.UTF8.GetBytes(body), Headers(good), [ReceiverHost.Secret]);
        var forgedAnswer = await ReceiveAsync(Encoding.UTF8.GetBytes(body), Headers(forged), [ReceiverHost.Secret]);

        Assert.Multiple(() =>
        {
            Assert.That(goodAnswer, Is.EqualTo(204));
            Assert.That(forgedAnswer, Is.EqualTo(401));
            Assert.That(handled, Is.EqualTo(new[] { "evt_1" }));
            Assert.That(ReadmeHolds("verify"), Is.True, "README.md holds the verifier snippet as compiled here");
        });
    }

    private static HttpRequestMessage Signed(string body, string id, string secret = ReceiverHost.Secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/support") { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Webhook-Id", id);
        request.Headers.TryAddWithoutValidation("Webhook-Timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Webhook-Signature", WebhookSignature.Sign(secret, id, now, bytes));
        return request;
    }

    private static IEnumerable<KeyValuePair<string, string>> Headers(HttpRequestMessage request) =>
        request.Headers.Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)));

    /// <summary>Whether the README holds the lines between this file's markers for <paramref name="name"/>.</summary>
    private static bool ReadmeHolds(string name)
    {
        var lines = File.ReadAllLines(SourceFile);
        var start = Array.FindIndex(lines, l => l.Trim() == "// snippet: " + name);
        if (start < 0)
        {
            return false;
        }

        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "// end snippet");
        var snippet = lines[(start + 1)..end];
        var indent = snippet.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var text = string.Join("\n", snippet.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        return File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n").Contains(text, StringComparison.Ordinal);
    }

    private sealed class Notifications
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public Task NotifyAsync(string userId, string text, CancellationToken cancellationToken)
        {
            Sent.Enqueue($"{userId}: {text}");
            return Task.CompletedTask;
        }
    }

    private sealed class Security
    {
        public ConcurrentQueue<string> Alerts { get; } = new();

        public Task AlertAsync(string userId, IReadOnlyList<string> kinds, CancellationToken cancellationToken)
        {
            Alerts.Enqueue($"{userId}: {string.Join(",", kinds)}");
            return Task.CompletedTask;
        }
    }
}
