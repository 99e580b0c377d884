using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.PostgreSql;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>AddSupportServer().UsePostgreSql(…)</c>: every feature store is the one PostgreSQL engine; a bad string fails at once.</summary>
public sealed class UsePostgreSqlTests
{
    [Test]
    public async Task Every_store_interface_resolves_to_one_postgres_engine()
    {
        var services = new ServiceCollection();
        services.AddSupportServer().UsePostgreSql("Host=127.0.0.1;Port=1;Database=support;Username=support");
        await using var provider = services.BuildServiceProvider();
        var ticketStore = provider.GetRequiredService<ITicketStore>();
        Assert.Multiple(() =>
        {
            Assert.That(ticketStore, Is.InstanceOf<PostgresSupportStore>());
            Assert.That(provider.GetRequiredService<IChatStore>(), Is.SameAs(ticketStore));
            Assert.That(provider.GetRequiredService<IIdempotencyStore>(), Is.SameAs(ticketStore));
            Assert.That(provider.GetRequiredService<IStoreSchema>(), Is.SameAs(ticketStore));
            Assert.That(provider.GetRequiredService<IChannelReportStore>(), Is.SameAs(ticketStore));
        });
    }

    [TestCase("")]
    [TestCase("Host=db;NoSuchKeyword=1")]
    public void A_malformed_connection_string_fails_at_registration(string connectionString)
    {
        var builder = new ServiceCollection().AddSupportServer();
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => builder.UsePostgreSql(connectionString));
    }

    [TestCase("Host=db;Database=support", 64, 2, true)]
    [TestCase("Host=db;Database=support;Max Auto Prepare=0;No Reset On Close=false", 0, 2, false)]
    [TestCase("Host=db;Database=support;maxautoprepare=10;Auto Prepare Min Usages=5", 10, 5, true)]
    public void Statements_are_auto_prepared_and_not_reset_unless_the_connection_string_says_otherwise(string connectionString, int maxAutoPrepare, int minUsages, bool noReset)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(PostgresSupportStore.Tuned(connectionString));
        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxAutoPrepare, Is.EqualTo(maxAutoPrepare));
            Assert.That(settings.AutoPrepareMinUsages, Is.EqualTo(minUsages));
            Assert.That(settings.NoResetOnClose, Is.EqualTo(noReset));
            Assert.That(settings.Host, Is.EqualTo("db"), "the rest of the string is kept");
        });
    }

    [TestCase("Host=db", -1)]
    [TestCase("Host=db;Maximum Pool Size=50", 50)]
    [TestCase("Host=db;maxpoolsize=3", 3)]
    [TestCase("Host=db;Minimum Pool Size=120", 120)]
    public void The_pool_holds_four_connections_per_core_unless_the_connection_string_says_otherwise(string connectionString, int expected)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(PostgresSupportStore.Tuned(connectionString));
        var cores = Math.Clamp(4 * Environment.ProcessorCount, 8, 100);
        Assert.That(settings.MaxPoolSize, Is.EqualTo(expected == -1 ? cores : expected));
    }
}
