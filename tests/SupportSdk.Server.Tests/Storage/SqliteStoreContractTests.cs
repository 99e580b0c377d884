using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>The store contract against a real SQLite file.</summary>
[TestFixture]
public sealed class SqliteStoreContractTests : SupportStoreContract
{
    private string _directory = null!;

    private protected override Task<ISupportStore> CreateStoreAsync()
    {
        _directory = Directory.CreateTempSubdirectory("supportsdk-store-").FullName;
        return Task.FromResult<ISupportStore>(new SqliteSupportStore(Path.Combine(_directory, "store.db")));
    }

    private protected override Task DeleteStoreAsync(ISupportStore store)
    {
        ((IDisposable)store).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
