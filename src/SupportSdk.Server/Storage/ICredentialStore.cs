namespace SupportSdk.Server.Storage;

/// <summary>Server settings (the user-token signing key) and the hashes of API and agent keys.</summary>
internal interface ICredentialStore
{
    Task<string> GetOrAddSettingAsync(string name, string valueIfMissing, CancellationToken cancellationToken);

    Task<bool> AddKeyAsync(StoredKey key, CancellationToken cancellationToken);

    Task<StoredKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken);

    Task<int> CountKeysAsync(CancellationToken cancellationToken);
}

/// <summary>A stored credential: only the SHA-256 of the key is kept.</summary>
internal sealed record StoredKey(string Id, string Kind, string Name, string KeyHash, DateTimeOffset CreatedAt);
