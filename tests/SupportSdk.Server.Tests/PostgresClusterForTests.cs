using SupportSdk.Server.Tests.Storage;

namespace SupportSdk.Server.Tests;

// In the assembly's root namespace, so its teardown runs after every test that used the cluster (store contracts
// and the multi-node tests alike), not only after those in one namespace.
/// <summary>Starts the test run's PostgreSQL cluster on first use (skipping, or failing on CI, without PostgreSQL) and removes it at the end.</summary>
[SetUpFixture]
public sealed class PostgresClusterForTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresCluster? _cluster;

    public static async Task<PostgresCluster> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _cluster ??= await PostgresCluster.StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }
}
