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
}
