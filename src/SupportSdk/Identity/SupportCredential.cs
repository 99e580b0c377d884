namespace SupportSdk;

/// <summary>
/// How the SDK authenticates. Use <see cref="ApiKeyCredential"/> on an exchange backend, <see cref="UserTokenCredential"/>
/// in a user's app, and <see cref="AgentKeyCredential"/> in agent tools. Credentials are only ever sent to the
/// configured endpoint, and never logged.
/// </summary>
public abstract class SupportCredential
{
    /// <summary>Gets the bearer value to send now.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The bearer value.</returns>
    public abstract ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Called once after a 401: returns a fresh bearer value, or <see langword="null"/> when this credential cannot refresh.</summary>
    /// <param name="rejected">The value the server rejected.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new value, or <see langword="null"/>.</returns>
    public virtual ValueTask<string?> RefreshTokenAsync(string rejected, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <inheritdoc />
    public override string ToString() => GetType().Name + " (secret hidden)";
}

/// <summary>No credential: for the public endpoints (help center, status, official channels) only.</summary>
public sealed class AnonymousCredential : SupportCredential
{
    /// <inheritdoc />
    public override ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(string.Empty);
}

/// <summary>The exchange backend's API key (server to server). With it the SDK can also mint user tokens.</summary>
public sealed class ApiKeyCredential : SupportCredential
{
    private readonly string _key;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null or blank.</exception>
    public ApiKeyCredential(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _key = apiKey;
    }

    /// <inheritdoc />
    public override ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_key);
}

/// <summary>A support agent's key.</summary>
public sealed class AgentKeyCredential : SupportCredential
{
    private readonly string _key;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="agentKey">The agent key.</param>
    /// <exception cref="ArgumentException"><paramref name="agentKey"/> is null or blank.</exception>
    public AgentKeyCredential(string agentKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentKey);
        _key = agentKey;
    }

    /// <inheritdoc />
    public override ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_key);
}

/// <summary>
/// A user token minted by the exchange's backend, with an optional refresh callback: on a 401 the SDK calls it once,
/// then retries that call once with the new token.
/// </summary>
public sealed class UserTokenCredential : SupportCredential, IDisposable
{
    private readonly Func<CancellationToken, ValueTask<string>>? _refresh;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile string _token;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="token">The current user token.</param>
    /// <param name="refresh">Fetches a new token from the exchange's backend; optional.</param>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null or blank.</exception>
    public UserTokenCredential(string token, Func<CancellationToken, ValueTask<string>>? refresh = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
        _refresh = refresh;
    }

    /// <inheritdoc />
    public override ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    /// <inheritdoc />
    public override async ValueTask<string?> RefreshTokenAsync(string rejected, CancellationToken cancellationToken)
    {
        if (_refresh is null)
        {
            return null;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed while this one waited: use its token rather than refresh twice.
            if (!string.Equals(_token, rejected, StringComparison.Ordinal))
            {
                return _token;
            }

            var fresh = await _refresh(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(fresh))
            {
                return null;
            }

            _token = fresh;
            return fresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshGate.Dispose();
}
