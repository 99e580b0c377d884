using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

/// <summary>R9: Idempotency-Key on every POST.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class IdempotencyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private SupportServerHost _server = null!;
    private FakeTimeProvider _time = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(Start);
        _server = await SupportServerHost.StartAsync(o => o.UserTokenLifetime = TimeSpan.FromHours(24), time: _time, importFaq: false);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static HttpRequestMessage Create(string key, string subject = "Withdrawal stuck")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets") { Content = Json(NewTicket(subject), SupportJsonContext.Default.CreateTicketRequest) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<int> CountTicketsAsync(HttpClient user) =>
        (await ReadAsync(await user.GetAsync("/v1/tickets?limit=100"), SupportJsonContext.Default.PageTicket)).Items.Count;

    [Test]
    public async Task Same_key_and_body_replays_the_stored_response_and_creates_one_ticket()
    {
        var user = await _server.UserAsync("replay-user");
        using var first = await user.SendAsync(Create("key-replay-1"));
        using var second = await user.SendAsync(Create("key-replay-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(secondBody, Is.EqualTo(firstBody), "byte-identical replay");
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(second.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(await CountTicketsAsync(user), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_user_token_is_never_kept_for_a_replay_and_a_retry_mints_a_fresh_one()
    {
        async Task<(HttpResponseMessage Response, string Token)> MintAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/user-tokens") { Content = Json("""{"userId":"token-replay","displayName":"T","locale":"en-us"}""") };
            request.Headers.Add("Idempotency-Key", "mint-1");
            var response = await _server.Backend().SendAsync(request);
            return (response, (await ReadAsync(response, SupportJsonContext.Default.UserToken)).Token);
        }

        var (first, firstToken) = await MintAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        var (second, secondToken) = await MintAsync();
        var stored = string.Concat(new[] { _server.DatabasePath, _server.DatabasePath + "-wal" }.Where(File.Exists)
            .Select(path => Encoding.Latin1.GetString(File.ReadAllBytes(path))));
        Assert.Multiple(() =>
        {
            Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created)));
            Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.False, "minted again, not replayed");
            Assert.That(secondToken == firstToken, Is.False, "a fresh token");
            Assert.That(stored.Contains(firstToken, StringComparison.Ordinal) || stored.Contains(secondToken, StringComparison.Ordinal), Is.False,
                "no token in the database");
        });
    }

    [Test]
    public async Task Same_key_with_another_body_answers_422()
    {
        var user = await _server.UserAsync("mismatch-user");
        (await user.SendAsync(Create("key-mismatch"))).EnsureSuccessStatusCode();
        using var other = await user.SendAsync(Create("key-mismatch", "A different subject"));
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        Assert.That(await CountTicketsAsync(user), Is.EqualTo(1));
    }

    [Test]
    public async Task Keys_are_scoped_per_caller()
    {
        var alice = await _server.UserAsync("scope-alice");
        var bob = await _server.UserAsync("scope-bob");
        var a = await ReadAsync(await alice.SendAsync(Create("shared-key")), SupportJsonContext.Default.Ticket);
        var b = await ReadAsync(await bob.SendAsync(Create("shared-key")), SupportJsonContext.Default.Ticket);
        Assert.That(b.Id, Is.Not.EqualTo(a.Id), "Bob must not receive Alice's stored response");
    }

    [Test]
    public async Task A_request_still_in_flight_answers_409_with_retry_after()
    {
        var user = await _server.UserAsync("inflight-user");
        var store = _server.Services.GetRequiredService<IIdempotencyStore>();
        var now = _time.GetUtcNow();
        // The server keeps only the SHA-256 of a key, so the claim is made under that.
        var storedKey = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("key-inflight")));
        var claim = await store.BeginIdempotentRequestAsync(new IdempotencyRequest("user:inflight-user", storedKey, "hash-of-first", now, now.AddMinutes(-2), now.AddHours(-24)), CancellationToken.None);
        Assert.That(claim.Outcome, Is.EqualTo(IdempotencyOutcome.Started));

        using var response = await user.SendAsync(Create("key-inflight"));
        await AssertProblemAsync(response, HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyInFlight);
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await CountTicketsAsync(user), Is.EqualTo(0));
        });
    }

    [TestCase("")]
    [TestCase("x", 256)]
    public async Task Malformed_keys_answer_400(string key, int repeat = 0)
    {
        var user = await _server.UserAsync("badkey-user");
        var request = Create(repeat > 0 ? new string('k', repeat) : key);
        using var response = await user.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidIdempotencyKey);
        Assert.That(await CountTicketsAsync(user), Is.EqualTo(0));
    }

    [Test]
    public async Task A_255_character_key_is_accepted()
    {
        var user = await _server.UserAsync("longkey-user");
        using var response = await user.SendAsync(Create(new string('k', 255)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Failed_requests_are_not_stored_so_a_corrected_retry_can_succeed()
    {
        var user = await _server.UserAsync("fix-user");
        var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets") { Content = Json("""{"subject":"s","body":"b","category":"nope"}""") };
        bad.Headers.Add("Idempotency-Key", "key-fix");
        await AssertProblemAsync(await user.SendAsync(bad), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        using var good = await user.SendAsync(Create("key-fix"));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Keys_are_kept_24_hours_then_forgotten()
    {
        var user = await _server.UserAsync("retention-user");
        (await user.SendAsync(Create("key-retention"))).EnsureSuccessStatusCode();

        _time.Advance(TimeSpan.FromHours(23));
        await AssertProblemAsync(await user.SendAsync(Create("key-retention", "other")), HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);

        _time.Advance(TimeSpan.FromHours(2));
        user = await _server.UserAsync("retention-user"); // the old token expired too
        using var afterExpiry = await user.SendAsync(Create("key-retention", "other"));
        Assert.That(afterExpiry.StatusCode, Is.EqualTo(HttpStatusCode.Created), "after 24 h the key is free again");
        Assert.That(await CountTicketsAsync(user), Is.EqualTo(2));
    }

    [Test]
    public async Task A_response_lost_to_a_hang_up_is_replayed_on_retry()
    {
        var user = await _server.UserAsync("hangup-user");
        var body = Encoding.UTF8.GetBytes("""{"subject":"Lost response","body":"b","category":"other"}""");
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
            var head = $"POST /v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nIdempotency-Key: key-hangup\r\nAuthorization: {user.DefaultRequestHeaders.Authorization}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray());
            socket.Shutdown(SocketShutdown.Both);
        }

        HttpResponseMessage retry;
        var attempts = 0;
        do
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("Idempotency-Key", "key-hangup");
            retry = await user.SendAsync(request);
            attempts++;
            if (retry.StatusCode == HttpStatusCode.Conflict)
            {
                await Task.Delay(20); // the first request is still being processed
            }
        }
        while (retry.StatusCode == HttpStatusCode.Conflict && attempts < 200);

        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await CountTicketsAsync(user), Is.EqualTo(1), "the retry must not create a second ticket");
        });
    }

    [Test]
    public async Task A_caller_who_hangs_up_while_the_work_runs_gets_the_whole_response_on_retry()
    {
        // The work has run when the caller hangs up (RequestAborted fires); the JSON answer is written only after.
        // What is recorded for the key must still be that whole answer, or every retry replays a 201 without a body.
        var idempotency = _server.Services.GetRequiredService<Idempotency>();
        var message = new TicketMessage { Id = "msg_hangup", Seq = 2, Body = "Still waiting", From = new Author { Role = AuthorRole.Customer, Name = "Hang-up" } };
        var expected = System.Text.Json.JsonSerializer.Serialize(message, WireJson.Support.TicketMessage);
        using var hangUp = new CancellationTokenSource();
        var first = Reply("key-hangup-reply", hangUp.Token);
        var ran = 0;
        try
        {
            await idempotency.RunAsync(first, () =>
            {
                ran++;
                hangUp.Cancel();
                return ValueTask.FromResult<object?>(Microsoft.AspNetCore.Http.TypedResults.Json(message, WireJson.Support.TicketMessage, statusCode: 201));
            });
        }
        catch (OperationCanceledException)
        {
            // The answer cannot reach a caller who hung up; what matters is what was recorded.
        }

        var retry = Reply("key-hangup-reply", CancellationToken.None);
        var replay = await idempotency.RunAsync(retry, () =>
        {
            ran++;
            return ValueTask.FromResult<object?>(null);
        });
        await ((Microsoft.AspNetCore.Http.IResult)replay!).ExecuteAsync(retry);
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(1), "the retry is answered from the record");
            Assert.That(retry.Response.StatusCode, Is.EqualTo(201));
            Assert.That(Encoding.UTF8.GetString(((MemoryStream)retry.Response.Body).ToArray()), Is.EqualTo(expected), "the whole answer was recorded");
        });
    }

    private Microsoft.AspNetCore.Http.DefaultHttpContext Reply(string key, CancellationToken aborted)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _server.Services, RequestAborted = aborted };
        http.Request.Method = "POST";
        http.Request.Path = "/v1/tickets/tkt_hangup/messages";
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"body":"Still waiting"}"""));
        http.Request.Headers["Idempotency-Key"] = key;
        http.Response.Body = new MemoryStream();
        return http;
    }

    [Test]
    public async Task Concurrent_duplicates_create_exactly_one_ticket()
    {
        var user = await _server.UserAsync("race-user");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.SendAsync(Create("key-race"))));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), Is.True,
                string.Join(", ", responses.Select(r => (int)r.StatusCode)));
            Assert.That(created, Is.Not.Empty);
            Assert.That(created.Select(r => r.Headers.Location).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await CountTicketsAsync(user), Is.EqualTo(1));
        });
    }
}
