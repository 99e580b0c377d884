using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using SupportSdk.Server.Cluster;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses PostgreSQL as the Support server's store.</summary>
public static class SupportServerPostgreSqlExtensions
{
    /// <summary>
    /// Stores everything in the PostgreSQL database <paramref name="connectionString"/> names, instead of SQLite. The
    /// schema is created or migrated when the host starts (once, however many nodes start at once); a node refuses to
    /// start against a schema newer than it knows.
    /// </summary>
    /// <param name="builder">What <c>AddSupportServer()</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=support;Username=support;Password=…</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid connection string.</exception>
    public static SupportServerBuilder UsePostgreSql(this SupportServerBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Parsed now so a malformed string fails at registration, not at the first request.
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new PostgresSupportStore(connectionString)));
        SupportStores.Use<PostgresSupportStore>(builder.Services, replace: true);

        // Several nodes on one database: they wake each other with LISTEN/NOTIFY and take turns at housekeeping.
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new PostgresBackplane(
            sp.GetRequiredService<PostgresSupportStore>().DataSource, connectionString, sp.GetRequiredService<ILogger<PostgresBackplane>>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IClusterBackplane>(sp => sp.GetRequiredService<PostgresBackplane>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IStoreLeases>(sp => new PostgresLeases(sp.GetRequiredService<PostgresSupportStore>().SessionDataSource)));
        return builder;
    }
}
