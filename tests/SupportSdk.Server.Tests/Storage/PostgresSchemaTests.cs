using Npgsql;
using SupportSdk.Server.Storage.PostgreSql;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>PostgreSQL migrations: nodes starting at once migrate once; a schema newer than the server is refused.</summary>
public sealed class PostgresSchemaTests
{
    private readonly PostgresEngine _engine = new();
    private PostgresSupportStore _first = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _first = (PostgresSupportStore)await _engine.CreateAsync();
        _connectionString = _engine.ConnectionString;
    }

    [TearDown]
    public Task DeleteAsync() => _engine.DeleteAsync(_first);

    [Test]
    public async Task Five_nodes_starting_at_once_migrate_once()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresSupportStore(_connectionString)).Prepend(_first).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.MigrateAsync(CancellationToken.None)));
        }
        finally
        {
            foreach (var node in nodes.Skip(1))
            {
                await node.DisposeAsync();
            }
        }

        Assert.That(await ScalarAsync("SELECT version FROM support_schema;"), Is.EqualTo(PostgresSchema.LatestVersion));
        Assert.That(await ScalarAsync("SELECT COUNT(*)::integer FROM support_schema;"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_schema_newer_than_the_server_is_refused_with_a_clear_message()
    {
        await _first.MigrateAsync(CancellationToken.None);
        await ScalarAsync($"UPDATE support_schema SET version = {PostgresSchema.LatestVersion + 1} RETURNING version;");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => _first.MigrateAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("newer than this server knows").And.Contain("Upgrade this server"));

        // The refusal released the migration lock: another node can still take it (and is refused the same way).
        await using var other = new PostgresSupportStore(_connectionString);
        Assert.ThrowsAsync<InvalidOperationException>(() => other.MigrateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
