using System.Net;
using System.Net.Http.Headers;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class RateLimitAndTokenTests
{
    [Test]
    public async Task Each_caller_has_its_own_bucket_and_429_carries_retry_after()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.RateLimitBurst = 5; o.RateLimitPerSecond = 1; }, importFaq: false);
        var alice = server.Client(await server.MintTokenAsync("rl-alice"));
        var bob = server.Client(await server.MintTokenAsync("rl-bob"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await alice.GetAsync("/v1/tickets");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.That(limited, Is.Not.Null, string.Join(",", statuses));
        await AssertProblemAsync(limited!, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        using var bobResponse = await bob.GetAsync("/v1/tickets");
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.InRange(4, 6), "about the burst gets through");
            Assert.That(limited!.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(bobResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another user is not slowed by Alice");
        });
    }

    [Test]
    public async Task A_user_token_cannot_mint_tokens_and_expires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o => o.UserTokenLifetime = TimeSpan.FromMinutes(15), time: time, importFaq: false);
        var user = server.Client(await server.MintTokenAsync("expiring-user"));

        await AssertProblemAsync(await user.PostAsync("/v1/user-tokens", Json("""{"userId":"someone-else","displayName":"X"}""")),
            HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.That((await user.GetAsync("/v1/tickets")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        time.Advance(TimeSpan.FromMinutes(16));
        using var expired = await user.GetAsync("/v1/tickets");
        await AssertProblemAsync(expired, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.That(expired.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Token_requests_are_validated()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var backend = server.Backend();
        var problem = await AssertProblemAsync(await backend.PostAsync("/v1/user-tokens", Json("""{"userId":"","displayName":"","email":"not-an-email","locale":"??"}""")),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        using var ok = await backend.PostAsync("/v1/user-tokens", Json("""{"userId":"u-42","displayName":"Li Wei","email":"li@example.com","locale":"zh_CN"}"""));
        var token = await ReadAsync(ok, SupportJsonContext.Default.UserToken);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Errors!.Keys, Is.SupersetOf(new[] { "userId", "displayName", "email" }));
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(ok.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(token.Token, Does.StartWith("sut1."));
            Assert.That(token.ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(50)));
        });
    }

    [Test]
    public void Tampered_or_foreign_tokens_do_not_validate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = new byte[32];
        var tokens = new UserTokens(key, time);
        var other = new UserTokens(Enumerable.Repeat((byte)7, 32).ToArray(), time);
        var token = tokens.Issue(new UserTokenRequest { UserId = "alice", DisplayName = "Alice" }, "en-us", TimeSpan.FromMinutes(5)).Token;
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String("""{"sub":"bob","name":"Bob","email":null,"loc":"en-us","iat":0,"exp":9999999999}"""u8.ToArray())
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Multiple(() =>
        {
            Assert.That(tokens.Validate(token)?.Id, Is.EqualTo("alice"));
            Assert.That(tokens.Validate($"{parts[0]}.{forgedPayload}.{parts[2]}"), Is.Null, "payload swapped");
            Assert.That(tokens.Validate(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")), Is.Null, "signature altered");
            Assert.That(other.Validate(token), Is.Null, "signed with another key");
            Assert.That(tokens.Validate("sut1.garbage"), Is.Null);
        });
    }

    [Test]
    public async Task Keys_are_stored_only_as_hashes()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        (await server.Backend().GetAsync("/v1/status")).EnsureSuccessStatusCode();
        var text = string.Concat(new[] { server.DatabasePath, server.DatabasePath + "-wal" }.Where(File.Exists).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return reader.ReadToEnd();
        }));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(Credentials.Hash(SupportServerHost.ApiKey)), "the hash is what is stored");
            Assert.That(text, Does.Not.Contain(SupportServerHost.ApiKey).And.Not.Contain(SupportServerHost.AgentKey));
        });
    }
}
