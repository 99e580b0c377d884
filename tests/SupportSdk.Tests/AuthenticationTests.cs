using System.Net;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

[TestFixture]
public sealed class AuthenticationTests
{
    [Test]
    public async Task A_401_refreshes_the_user_token_once_and_repeats_the_call_once()
    {
        var time = new RecordingTimeProvider();
        var refreshes = 0;
        using var credential = new UserTokenCredential("sut1.old", _ =>
        {
            refreshes++;
            return ValueTask.FromResult("sut1.new");
        });
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.OK, TicketJson);
        using var client = Create(handler, time, credential: credential);

        var ticket = await client.Tickets.GetTicketAsync("tkt_01");

        Assert.Multiple(() =>
        {
            Assert.That(ticket.Id, Is.EqualTo("tkt_01"));
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(handler.Requests.Select(r => r.Headers["Authorization"]), Is.EqualTo(new[] { "Bearer sut1.old", "Bearer sut1.new" }));
        });
    }

    [Test]
    public async Task A_second_401_after_refresh_surfaces_without_looping()
    {
        var time = new RecordingTimeProvider();
        var refreshes = 0;
        using var credential = new UserTokenCredential("sut1.old", _ => ValueTask.FromResult("sut1.new" + ++refreshes));
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.Unauthorized);
        using var client = Create(handler, time, credential: credential);

        var error = Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(401));
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(handler.Requests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Without_a_refresh_callback_a_401_is_final()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized);
        using var credential = new UserTokenCredential("sut1.only");
        using var client = Create(handler, time, credential: credential);
        Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_401s_refresh_only_once()
    {
        var refreshes = 0;
        using var credential = new UserTokenCredential("sut1.old", async ct =>
        {
            Interlocked.Increment(ref refreshes);
            await Task.Yield();
            return "sut1.new";
        });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => credential.RefreshTokenAsync("sut1.old", CancellationToken.None).AsTask()));
        Assert.Multiple(() =>
        {
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(results, Is.All.EqualTo("sut1.new"));
        });
    }
}
