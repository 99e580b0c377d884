using Npgsql;
using SupportSdk.Server.Storage.PostgreSql;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>The PostgreSQL engine: a fresh database per test in one throwaway cluster shared by the test run.</summary>
public sealed class PostgresEngine : IStoreEngine
{
    private string _database = null!;

    /// <summary>Gets the connection string of the last database made, for tests that open their own connections.</summary>
    public string ConnectionString { get; private set; } = null!;

    public async Task<object> CreateAsync()
    {
        var cluster = await PostgresClusterForTests.GetAsync();
        _database = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database};", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = cluster.ConnectionString(_database);
        return new PostgresSupportStore(ConnectionString);
    }

    public async Task DeleteAsync(object store)
    {
        await ((PostgresSupportStore)store).DisposeAsync();
        var cluster = await PostgresClusterForTests.GetAsync();
        await using var admin = new NpgsqlConnection(cluster.ConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
