using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

/// <summary>
/// Every endpoint against every kind of caller: only the right principal gets through, and another user's resource
/// answers 404 exactly like one that does not exist.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class AuthorizationMatrixTests
{
    public enum Caller
    {
        None,
        Owner,
        OtherUser,
        Agent,
        ApiKey,
        Garbage,
    }

    /// <param name="Ok">The status the right caller gets when it is not a 2xx (a stream route without a WebSocket upgrade: 426).</param>
    public sealed record Endpoint(string Method, string Path, string? Body, string Kind, int Ok = 0)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private const string Owned = "owned";
    private const string UserOnly = "user";
    private const string AgentOnly = "agent";
    private const string BackendOnly = "backend";
    private const string Team = "team";
    private const string Public = "public";
    private const string Attachment = "attachment";
    private const string ChatOwned = "chat";
    private const string Uploader = "uploader";
    private const string MultipartBody = "(multipart file)";

    private static readonly Endpoint[] Endpoints =
    [
        new("POST", "/v1/user-tokens", """{"userId":"x","displayName":"X"}""", BackendOnly),
        new("POST", "/v1/tickets", """{"subject":"s","body":"b","category":"other"}""", UserOnly),
        new("POST", "/v1/account/lock", """{"reason":"I think I was phished"}""", UserOnly),
        new("POST", "/v1/email/inbound", "From: matrix@mail.test\r\nSubject: matrix\r\n\r\nhello", BackendOnly),
        new("GET", "/v1/deposits/lookup?network=TRC20&txId=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, UserOnly),
        new("GET", "/v1/tickets", null, UserOnly),
        new("GET", "/v1/tickets/{id}", null, Owned),
        new("PATCH", "/v1/tickets/{id}", """{"priority":"high"}""", Owned),
        new("POST", "/v1/tickets/{id}/messages", """{"body":"b"}""", Owned),
        new("GET", "/v1/tickets/{id}/messages", null, Owned),
        new("GET", "/v1/tickets/{id}/transcript", null, Owned),
        new("PUT", "/v1/tickets/{id}/email", """{"enabled":true}""", Owned),
        new("GET", "/v1/tickets/{id}/transcript?format=html", null, Owned),
        new("POST", "/v1/tickets/{id}/escalate", "{}", Owned),
        new("POST", "/v1/tickets/{id}/close", null, Owned),
        new("POST", "/v1/tickets/{id}/rating", """{"score":3}""", Owned),
        new("GET", "/v1/agent/tickets", null, AgentOnly),
        new("GET", "/v1/agent/tickets/{id}", null, AgentOnly),
        new("GET", "/v1/agent/tickets/{id}/messages", null, AgentOnly),
        new("POST", "/v1/agent/tickets/{id}/messages", """{"body":"b"}""", AgentOnly),
        new("PATCH", "/v1/agent/tickets/{id}", """{"priority":"low"}""", AgentOnly),
        new("GET", "/v1/agent/tickets/{id}/notes", null, AgentOnly),
        new("POST", "/v1/agent/tickets/{id}/merge", """{"into":"{other}"}""", AgentOnly),
        new("POST", "/v1/agent/tickets/{id}/notes", """{"body":"internal"}""", AgentOnly),
        new("PUT", "/v1/agent/tickets/{id}/viewing", """{"typing":false}""", AgentOnly),
        new("GET", "/v1/agent/tickets/{id}/macros", null, AgentOnly),
        new("GET", "/v1/agents", null, Team),
        new("GET", "/v1/agent/reports", null, AgentOnly),
        new("PUT", "/v1/agents/{name}", """{"capacity":5}""", BackendOnly),
        new("GET", "/v1/agent/me", null, AgentOnly),
        new("PUT", "/v1/agent/status", """{"status":"away"}""", AgentOnly),
        new("POST", "/v1/attachments", MultipartBody, Uploader),
        new("GET", "/v1/attachments/{attachment}", null, Attachment),
        new("GET", "/v1/faq/search?q=deposit", null, Public),
        new("GET", "/v1/faq/suggest?q=dep", null, Public),
        new("GET", "/v1/faq/articles/1001", null, Public),
        new("GET", "/v1/faq/sections", null, Public),
        new("POST", "/v1/faq/articles/1001/feedback", """{"helpful":true}""", Public),
        new("GET", "/v1/status", null, Public),
        new("GET", "/v1/channels/official", null, Public),
        new("GET", "/v1/channels/keys", null, Public),
        new("POST", "/v1/channels/reports", """{"input":"https://examp1e-exchange.com"}""", UserOnly),
        new("GET", "/v1/agent/channel-reports", null, AgentOnly),
        new("GET", "/v1/agent/faq/insights", null, AgentOnly),
        new("POST", "/v1/chats", """{"topic":"agent"}""", UserOnly),
        new("GET", "/v1/chats", null, UserOnly),
        new("GET", "/v1/chats/{chat}", null, ChatOwned),
        new("GET", "/v1/chats/{chat}/messages", null, ChatOwned),
        new("POST", "/v1/chats/{chat}/messages", """{"clientMessageId":"m1","text":"hi"}""", ChatOwned),
        new("GET", "/v1/chats/{chat}/stream", null, ChatOwned, Ok: 426),
        new("GET", "/v1/chats/{chat}/events", null, ChatOwned),
        new("POST", "/v1/chats/{chat}/read", """{"upToSeq":1}""", ChatOwned),
        new("POST", "/v1/chats/{chat}/close", null, ChatOwned),
        new("POST", "/v1/chats/{chat}/ticket", null, ChatOwned),
        new("GET", "/v1/chats/{chat}/transcript", null, ChatOwned),
        new("GET", "/v1/chats/{chat}/transcript?format=signed", null, ChatOwned),
        new("GET", "/v1/agent/chats?state=queued", null, AgentOnly),
        new("GET", "/v1/agent/chats/{chat}", null, AgentOnly),
        new("POST", "/v1/agent/chats/{chat}/accept", null, AgentOnly),
        new("GET", "/v1/agent/chats/{chat}/stream", null, AgentOnly, Ok: 426),
        new("GET", "/v1/agent/chats/{chat}/events", null, AgentOnly),
        new("GET", "/v1/agent/chats/{chat}/messages", null, AgentOnly),
        new("POST", "/v1/agent/chats/{chat}/messages", """{"clientMessageId":"a1","text":"hello"}""", AgentOnly),
        new("POST", "/v1/agent/chats/{chat}/read", """{"upToSeq":1}""", AgentOnly),
        new("POST", "/v1/agent/chats/{chat}/transfer", """{"reason":"tier 2"}""", AgentOnly),
        new("POST", "/v1/agent/chats/{chat}/close", null, AgentOnly),
        new("POST", "/v1/webhooks", """{"url":"https://example.com/hook"}""", BackendOnly),
        new("GET", "/v1/webhooks", null, BackendOnly),
        new("GET", "/v1/webhooks/{webhook}", null, BackendOnly),
        new("PATCH", "/v1/webhooks/{webhook}", """{"description":"d"}""", BackendOnly),
        new("DELETE", "/v1/webhooks/{webhook}", null, BackendOnly),
        new("POST", "/v1/webhooks/{webhook}/rotate-secret", null, BackendOnly),
        new("GET", "/v1/webhooks/{webhook}/deliveries", null, BackendOnly),
        new("POST", "/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver", null, BackendOnly),
        new("POST", "/v1/webhooks/{webhook}/ping", null, BackendOnly),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from e in Endpoints
        from c in Enum.GetValues<Caller>()
        select new TestCaseData(e, c).SetName($"{e.Method} {e.Path} as {c}");

    private SupportServerHost _server = null!;
    private int _case;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(store: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ITransactionLookup>(s.Services, new Deposits.ScriptedChain()));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public void The_matrix_covers_every_route_the_server_maps()
    {
        var mapped = _server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<SupportSdk.Server.Hosting.SupportApiEndpoint>() is not null && !e.RoutePattern.RawText!.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => m + " " + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimEnd('/'), @"\{\w+\}", "{id}")))
            .ToHashSet();
        var covered = Endpoints.Select(e => e.Method + " " + System.Text.RegularExpressions.Regex.Replace(e.Path.Split('?')[0], @"\{\w+\}|(?<=/)\d+(?=/|$)", "{id}")).ToHashSet();

        Assert.That(mapped, Has.Count.GreaterThan(40));
        Assert.That(mapped.Except(covered), Is.Empty, "routes no row of the matrix checks");
        Assert.That(covered.Except(mapped), Is.Empty, "rows for routes that do not exist");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Only_the_right_principal_gets_through(Endpoint endpoint, Caller caller)
    {
        // Fresh users per case: a customer has one open chat at a time, and each case starts one.
        var n = Interlocked.Increment(ref _case);
        var ownerToken = await _server.MintTokenAsync($"matrix-owner-{n}");
        var otherToken = await _server.MintTokenAsync($"matrix-other-{n}");
        var owner = _server.Client(ownerToken);
        var ticket = await CreateTicketAsync(owner);
        if (endpoint.Path.EndsWith("/rating", StringComparison.Ordinal))
        {
            (await _server.Agent().PatchAsync($"/v1/agent/tickets/{ticket.Id}", Json("""{"status":"resolved"}"""))).EnsureSuccessStatusCode();
        }

        var attachment = await UploadAsync(owner);
        var other = await CreateTicketAsync(owner, new CreateTicketRequest { Subject = "with file", Body = "see file", Category = TicketCategory.Other, AttachmentIds = [attachment] });

        var chat = await Chat.ChatTestKit.StartChatAsync(owner, "agent");
        if (endpoint.Path.StartsWith("/v1/agent/chats/{chat}/", StringComparison.Ordinal) && endpoint.Method == "POST" && !endpoint.Path.EndsWith("/accept", StringComparison.Ordinal))
        {
            await Chat.ChatTestKit.AcceptAsync(_server.Agent(), chat.Id);
        }

        var (webhook, delivery) = endpoint.Path.Contains("{webhook}", StringComparison.Ordinal) ? await WebhookWithDeliveryAsync() : (string.Empty, string.Empty);
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path.Replace("{id}", ticket.Id).Replace("{attachment}", attachment).Replace("{chat}", chat.Id)
            .Replace("{webhook}", webhook).Replace("{delivery}", delivery).Replace("{name}", "Matrix Agent"));
        if (endpoint.Body == MultipartBody)
        {
            request.Content = NoteFile();
        }
        else if (endpoint.Path == "/v1/email/inbound")
        {
            request.Content = new StringContent(endpoint.Body!, System.Text.Encoding.UTF8, "message/rfc822");
        }
        else if (endpoint.Body is not null)
        {
            request.Content = Json(endpoint.Body.Replace("{other}", other.Id, StringComparison.Ordinal));
        }

        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        var bearer = caller switch
        {
            Caller.Owner => ownerToken,
            Caller.OtherUser => otherToken,
            Caller.Agent => SupportServerHost.AgentKey,
            Caller.ApiKey => SupportServerHost.ApiKey,
            Caller.Garbage => "sut1.eyJzdWIiOiJtYXRyaXgtb3duZXIifQ.forged",
            _ => null,
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await _server.Anonymous().SendAsync(request);
        await DeleteWebhooksAsync(); // at most 20 may exist: every case starts from none
        var expected = Expected(endpoint.Kind, caller);
        if (expected is { } status)
        {
            var code = status switch
            {
                HttpStatusCode.Unauthorized => ErrorCodes.Unauthorized,
                HttpStatusCode.Forbidden => ErrorCodes.Forbidden,
                _ => endpoint.Kind switch
                {
                    Attachment => ErrorCodes.AttachmentNotFound,
                    ChatOwned => ErrorCodes.ChatNotFound,
                    _ => ErrorCodes.TicketNotFound,
                },
            };
            await AssertProblemAsync(response, status, code);
        }
        else if (endpoint.Ok != 0)
        {
            await AssertProblemAsync(response, (HttpStatusCode)endpoint.Ok, "websocket_required");
        }
        else
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A webhook endpoint (to a URL never reached in this test) with one delivery, its ping.</summary>
    private async Task<(string Webhook, string Delivery)> WebhookWithDeliveryAsync()
    {
        using var created = await _server.Backend().PostAsync("/v1/webhooks", Json("""{"url":"https://example.com/matrix"}"""));
        var webhook = await ReadAsync(created, SupportJsonContext.Default.WebhookEndpoint);
        using var ping = await _server.Backend().PostAsync($"/v1/webhooks/{webhook.Id}/ping", null);
        return (webhook.Id, (await ReadAsync(ping, SupportJsonContext.Default.WebhookDelivery)).Id);
    }

    private async Task DeleteWebhooksAsync()
    {
        var page = await ReadAsync(await _server.Backend().GetAsync("/v1/webhooks?limit=100"), SupportJsonContext.Default.PageWebhookEndpoint);
        foreach (var webhook in page.Items)
        {
            (await _server.Backend().DeleteAsync($"/v1/webhooks/{webhook.Id}")).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The refusal expected, or null when the caller must get through.</summary>
    private static HttpStatusCode? Expected(string kind, Caller caller) => (kind, caller) switch
    {
        (Public, Caller.Garbage) => null,
        (Public, _) => null,
        (_, Caller.None or Caller.Garbage) => HttpStatusCode.Unauthorized,
        (BackendOnly, Caller.ApiKey) => null,
        (BackendOnly, _) => HttpStatusCode.Forbidden,
        (AgentOnly, Caller.Agent) => null,
        (Team, Caller.Agent or Caller.ApiKey) => null,
        (Team, _) => HttpStatusCode.Forbidden,
        (AgentOnly, _) => HttpStatusCode.Forbidden,
        (UserOnly, Caller.Owner or Caller.OtherUser) => null,
        (UserOnly, _) => HttpStatusCode.Forbidden,
        (Owned or ChatOwned, Caller.Owner) => null,
        (Owned or ChatOwned, Caller.OtherUser) => HttpStatusCode.NotFound,
        (Owned or ChatOwned, _) => HttpStatusCode.Forbidden,
        (Attachment, Caller.Owner or Caller.Agent) => null,
        (Attachment, Caller.OtherUser) => HttpStatusCode.NotFound,
        (Attachment, _) => HttpStatusCode.Forbidden,
        (Uploader, Caller.Owner or Caller.OtherUser or Caller.Agent) => null,
        (Uploader, _) => HttpStatusCode.Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static MultipartFormDataContent NoteFile()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("order id 12345, screenshot to follow"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "note.txt");
        return form;
    }

    private static async Task<string> UploadAsync(HttpClient client)
    {
        using var form = NoteFile();
        using var response = await client.PostAsync("/v1/attachments", form);
        return (await ReadAsync(response, SupportJsonContext.Default.AttachmentInfo)).Id;
    }
}
