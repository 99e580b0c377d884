using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore.Tests;

/// <summary>The default dedupe store on its own: claims, and the bounds on what it remembers (a fake clock).</summary>
[TestFixture]
public sealed class InMemoryWebhookDeduplicationStoreTests
{
    private static (InMemoryWebhookDeduplicationStore Store, FakeTimeProvider Time) Create(int capacity = 100, TimeSpan? window = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new SupportWebhookOptions { DeduplicationCapacity = capacity, DeduplicationWindow = window ?? TimeSpan.FromDays(3) };
        return (new InMemoryWebhookDeduplicationStore(new FixedMonitor(options), time), time);
    }

    [Test]
    public async Task A_claim_is_exclusive_until_handled_or_released()
    {
        var (store, _) = Create();

        var first = await store.TryClaimAsync("evt_1", default);
        var whileHeld = await store.TryClaimAsync("evt_1", default);
        await store.ReleaseAsync("evt_1", default);
        var afterRelease = await store.TryClaimAsync("evt_1", default);
        await store.MarkHandledAsync("evt_1", default);
        var afterHandled = await store.TryClaimAsync("evt_1", default);
        var other = await store.TryClaimAsync("EVT_1", default);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(WebhookEventClaim.Claimed));
            Assert.That(whileHeld, Is.EqualTo(WebhookEventClaim.InProgress));
            Assert.That(afterRelease, Is.EqualTo(WebhookEventClaim.Claimed));
            Assert.That(afterHandled, Is.EqualTo(WebhookEventClaim.AlreadyHandled));
            Assert.That(other, Is.EqualTo(WebhookEventClaim.Claimed), "ids are compared exactly");
        });
    }

    [Test]
    public async Task It_remembers_at_most_its_capacity_forgetting_the_oldest_first()
    {
        var (store, _) = Create(capacity: 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            await store.TryClaimAsync(id, default);
            await store.MarkHandledAsync(id, default);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(store.HandledCount, Is.EqualTo(3));
            Assert.That(await store.TryClaimAsync("a", default), Is.EqualTo(WebhookEventClaim.Claimed), "the oldest was forgotten");
            Assert.That(await store.TryClaimAsync("b", default), Is.EqualTo(WebhookEventClaim.AlreadyHandled));
            Assert.That(await store.TryClaimAsync("d", default), Is.EqualTo(WebhookEventClaim.AlreadyHandled));
        });
    }

    [Test]
    public async Task It_forgets_ids_older_than_its_window()
    {
        var (store, time) = Create(window: TimeSpan.FromHours(1));
        await store.TryClaimAsync("old", default);
        await store.MarkHandledAsync("old", default);
        time.Advance(TimeSpan.FromMinutes(30));
        await store.TryClaimAsync("new", default);
        await store.MarkHandledAsync("new", default);

        time.Advance(TimeSpan.FromMinutes(30));
        var oldAtTheEdge = await store.TryClaimAsync("old", default);
        time.Advance(TimeSpan.FromSeconds(1));
        var oldAfter = await store.TryClaimAsync("old", default);
        await store.ReleaseAsync("old", default);
        var newStill = await store.TryClaimAsync("new", default);

        Assert.Multiple(() =>
        {
            Assert.That(oldAtTheEdge, Is.EqualTo(WebhookEventClaim.AlreadyHandled));
            Assert.That(oldAfter, Is.EqualTo(WebhookEventClaim.Claimed));
            Assert.That(newStill, Is.EqualTo(WebhookEventClaim.AlreadyHandled));
            Assert.That(store.HandledCount, Is.EqualTo(1));
        });
    }

    private sealed class FixedMonitor(SupportWebhookOptions value) : IOptionsMonitor<SupportWebhookOptions>
    {
        public SupportWebhookOptions CurrentValue => value;

        public SupportWebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SupportWebhookOptions, string?> listener) => null;
    }
}
