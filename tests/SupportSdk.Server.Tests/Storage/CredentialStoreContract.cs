using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>ICredentialStore</c>: settings keep their first value; keys are found by hash and added once.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class CredentialStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Settings_keep_their_first_value()
    {
        var first = await _store.GetOrAddSettingAsync("k", "one", CancellationToken.None);
        var second = await _store.GetOrAddSettingAsync("k", "two", CancellationToken.None);
        Assert.That((first, second), Is.EqualTo(("one", "one")));
    }

    [Test]
    public async Task Keys_are_found_by_hash_and_added_once()
    {
        var key = new StoredKey("key_1", "api", "backend", "hash-1", T0);
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.AddKeyAsync(key, CancellationToken.None), Is.True);
            Assert.That(await _store.AddKeyAsync(key with { Id = "key_2" }, CancellationToken.None), Is.False);
            Assert.That(await _store.FindKeyAsync("hash-1", CancellationToken.None), Is.EqualTo(key));
            Assert.That(await _store.FindKeyAsync("hash-2", CancellationToken.None), Is.Null);
            Assert.That(await _store.CountKeysAsync(CancellationToken.None), Is.EqualTo(1));
        });
    }
}
