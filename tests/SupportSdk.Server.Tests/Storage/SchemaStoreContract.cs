using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>The schema: migrations are idempotent.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class SchemaStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Migrating_twice_is_harmless() => await _store.MigrateAsync(CancellationToken.None);
}
