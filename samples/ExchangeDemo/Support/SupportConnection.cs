using System.Collections.Concurrent;
using ExchangeDemo.Accounts;
using SupportSdk;

namespace ExchangeDemo.Support;

/// <summary>
/// How the website reaches support: only through the SupportSdk client, on the server side. A backend client holds
/// the API key and mints user tokens; each signed-in demo user gets a client of their own with a
/// <see cref="UserTokenCredential"/> that mints a fresh token when the old one expires. Visitors who are not signed in
/// read the help center through an anonymous client.
/// </summary>
public sealed class SupportConnection(ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly TaskCompletionSource<Clients> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Lazy<Task<SupportClient>>> _users = new(StringComparer.Ordinal);

    private sealed record Clients(Uri Endpoint, SupportClient Backend, SupportClient Public, IReadOnlyList<string> ManifestKeys);

    /// <summary>Gets the Support API address, once connected.</summary>
    public Uri? Endpoint => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result.Endpoint : null;

    /// <summary>Gets whether a manifest public key is pinned (without one, /verify cannot work).</summary>
    public bool CanVerifyChannels => _ready.Task.IsCompletedSuccessfully && _ready.Task.Result.ManifestKeys.Count > 0;

    /// <summary>Connects to the Support API (called once, when its address is known).</summary>
    public void Connect(Uri endpoint, string apiKey, string? manifestPublicKey)
    {
        string[] keys = manifestPublicKey is { Length: > 0 } ? [.. manifestPublicKey.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];
        var clients = new Clients(endpoint, new SupportClient(endpoint, new ApiKeyCredential(apiKey), Options(endpoint, keys)),
            new SupportClient(endpoint, new AnonymousCredential(), Options(endpoint, keys)), keys);
        if (!_ready.TrySetResult(clients))
        {
            throw new InvalidOperationException("Already connected.");
        }
    }

    /// <summary>The exchange backend's own client (API key): user tokens, webhook endpoints.</summary>
    public async Task<SupportClient> BackendAsync() => (await _ready.Task).Backend;

    /// <summary>The client for anonymous visitors (help center, status).</summary>
    public async Task<SupportClient> PublicAsync() => (await _ready.Task).Public;

    /// <summary>The signed-in user's client, or the anonymous one.</summary>
    public Task<SupportClient> ForAsync(DemoUser? user) => user is null ? PublicAsync() : ForUserAsync(user);

    /// <summary>The user's own client: everything it does, it does as that user (their tickets, chats and reports only).</summary>
    public async Task<SupportClient> ForUserAsync(DemoUser user)
    {
        var lazy = _users.GetOrAdd(user.Id, _ => new Lazy<Task<SupportClient>>(() => CreateUserClientAsync(user)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // Minting failed (support unreachable?): try again on the next request.
            _users.TryRemove(new KeyValuePair<string, Lazy<Task<SupportClient>>>(user.Id, lazy));
            throw;
        }
    }

    private async Task<SupportClient> CreateUserClientAsync(DemoUser user)
    {
        var clients = await _ready.Task;
        var backend = clients.Backend;
        async ValueTask<string> MintAsync(CancellationToken cancellationToken) =>
            (await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = user.Id, DisplayName = user.Name, Locale = user.Locale, AntiPhishingCode = user.AntiPhishingCode }, cancellationToken)).Token;

        var token = await MintAsync(CancellationToken.None);
        return new SupportClient(clients.Endpoint, new UserTokenCredential(token, MintAsync), Options(clients.Endpoint, clients.ManifestKeys));
    }

    private SupportClientOptions Options(Uri endpoint, IReadOnlyList<string> manifestKeys)
    {
        var options = new SupportClientOptions
        {
            AllowInsecureLoopback = endpoint.IsLoopback,
            ApplicationId = "ExchangeDemo/1.0",
            LoggerFactory = loggerFactory,
        };
        foreach (var key in manifestKeys)
        {
            options.ManifestPublicKeys.Add(key);
        }

        return options;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _users.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                (await lazy.Value).Dispose();
            }
        }

        if (_ready.Task.IsCompletedSuccessfully)
        {
            _ready.Task.Result.Backend.Dispose();
            _ready.Task.Result.Public.Dispose();
        }
    }
}
