namespace SupportSdk.Server.Storage;

/// <summary>Creates or migrates the schema a store needs; run once when the host starts.</summary>
internal interface IStoreSchema
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
