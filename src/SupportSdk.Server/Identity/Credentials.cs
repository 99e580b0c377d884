using System.Security.Cryptography;
using System.Text;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Identity;

/// <summary>
/// Resolves the caller from <c>Authorization: Bearer …</c>: a user token (<c>sut1.</c>), an API key (<c>ssk_api_</c>)
/// or an agent key (<c>ssk_agent_</c>). Keys are stored and compared only as SHA-256 hashes.
/// </summary>
internal sealed class Credentials(ICredentialStore store, UserTokenSigner signer, TimeProvider time)
{
    public const string ApiKeyKind = "api";
    public const string AgentKeyKind = "agent";

    public static string NewKey(string kind) =>
        "ssk_" + kind + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Adds a key to the store; returns false when it was already there.</summary>
    public Task<bool> AddKeyAsync(string kind, string name, string key, CancellationToken cancellationToken)
    {
        if (key.Length < 24)
        {
            throw new ArgumentException("Keys must be at least 24 characters.", nameof(key));
        }

        return store.AddKeyAsync(new StoredKey(Ids.New("key_", time), kind, name, Hash(key), time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Resolves an <c>Authorization</c> header value again, as a long-lived connection does to notice that its user
    /// token expired or its key was removed. Anonymous for an empty header; null when invalid.
    /// </summary>
    public async Task<SupportPrincipal?> ResolveHeaderAsync(string header, CancellationToken cancellationToken)
    {
        if (header.Length == 0)
        {
            return SupportPrincipal.Anonymous;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
        {
            return null;
        }

        var credential = header["Bearer ".Length..].Trim();
        if (UserTokens.LooksLikeUserToken(credential))
        {
            var tokens = await signer.GetAsync(cancellationToken).ConfigureAwait(false);
            return tokens.Validate(credential);
        }

        if (!credential.StartsWith("ssk_", StringComparison.Ordinal) && credential.Length < 24)
        {
            return null;
        }

        var key = await store.FindKeyAsync(Hash(credential), cancellationToken).ConfigureAwait(false);
        return key?.Kind switch
        {
            ApiKeyKind => new SupportPrincipal(PrincipalKinds.ApiKey, key.Id, key.Name),
            AgentKeyKind => new SupportPrincipal(PrincipalKinds.Agent, key.Id, key.Name),
            _ => null,
        };
    }
}

/// <summary>Holds the user-token signer, whose key comes from options or, once, from the shared database.</summary>
internal sealed class UserTokenSigner(ICredentialStore store, Microsoft.Extensions.Options.IOptions<SupportServerOptions> options, TimeProvider time)
{
    private UserTokens? _tokens;

    public async ValueTask<UserTokens> GetAsync(CancellationToken cancellationToken)
    {
        if (_tokens is { } tokens)
        {
            return tokens;
        }

        var configured = options.Value.UserTokenSigningKey;
        var key = configured is not null
            ? Convert.FromBase64String(configured)
            : Convert.FromBase64String(await store.GetOrAddSettingAsync("user_token_signing_key",
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false));
        if (key.Length < 32)
        {
            throw new InvalidOperationException("The user token signing key must be at least 32 bytes.");
        }

        return _tokens = new UserTokens(key, time);
    }
}
