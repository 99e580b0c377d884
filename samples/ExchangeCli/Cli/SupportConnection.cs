using SupportSdk;

namespace ExchangeCli.Cli;

/// <summary>
/// Builds SDK clients from <c>--endpoint</c> and the environment: <c>SUPPORT_ENDPOINT</c>, <c>SUPPORT_USER_TOKEN</c>,
/// or <c>SUPPORT_API_KEY</c> + <c>SUPPORT_USER_ID</c> (the CLI then mints a user token as the exchange's backend
/// would). Plain HTTP is allowed only to a loopback endpoint; the SDK refuses anything else.
/// </summary>
internal static class SupportConnection
{
    public const string EndpointVariable = "SUPPORT_ENDPOINT";
    public const string UserTokenVariable = "SUPPORT_USER_TOKEN";
    public const string ApiKeyVariable = "SUPPORT_API_KEY";
    public const string UserIdVariable = "SUPPORT_USER_ID";
    public const string UserNameVariable = "SUPPORT_USER_NAME";
    public const string LocaleVariable = "SUPPORT_LOCALE";
    public const string ManifestKeyVariable = "SUPPORT_MANIFEST_PUBLIC_KEY";

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The endpoint from <c>--endpoint</c>, else <c>SUPPORT_ENDPOINT</c>.</summary>
    /// <exception cref="CliException">Neither is set, or the value is not an absolute http(s) URL.</exception>
    public static Uri ResolveEndpoint(string? option)
    {
        var text = option ?? Env(EndpointVariable)
            ?? throw CliException.Usage($"No Support API endpoint: pass --endpoint URL or set {EndpointVariable}.");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw CliException.Usage($"The endpoint '{text}' is not an absolute http(s) URL such as https://support.example-exchange.com/.");
        }

        return endpoint;
    }

    public static SupportClientOptions Options(Uri endpoint, IEnumerable<string>? manifestKeys = null)
    {
        // The SDK allows plain HTTP only to 127.0.0.0/8, ::1 and localhost even with this switch; it is set only for
        // such endpoints so that intent is obvious.
        var options = new SupportClientOptions { AllowInsecureLoopback = endpoint.IsLoopback, ApplicationId = "exchange-cli/0.1" };
        foreach (var key in manifestKeys ?? [])
        {
            options.ManifestPublicKeys.Add(key);
        }

        return options;
    }

    /// <summary>A client for the public endpoints (help center, official channels).</summary>
    public static SupportClient Anonymous(Uri endpoint, IEnumerable<string>? manifestKeys = null) =>
        new(endpoint, new AnonymousCredential(), Options(endpoint, manifestKeys));

    /// <summary>A client acting as the signed-in user; with an API key, mints the user's token first.</summary>
    /// <exception cref="CliException">No usable credentials in the environment.</exception>
    public static async Task<UserSession> ForUserAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (Env(UserTokenVariable) is { } token)
        {
            if (token.StartsWith("ssk_", StringComparison.Ordinal))
            {
                throw CliException.Usage($"{UserTokenVariable} holds an API or agent key, not a user token (sut1.…): put an API key in {ApiKeyVariable} with {UserIdVariable}.");
            }

            var credential = new UserTokenCredential(token);
            return new UserSession(new SupportClient(endpoint, credential, Options(endpoint)), credential, backend: null);
        }

        var apiKey = Env(ApiKeyVariable);
        var userId = Env(UserIdVariable);
        if (apiKey is null || userId is null)
        {
            throw CliException.Usage($"Ticket commands act as a user: set {UserTokenVariable}, or {ApiKeyVariable} and {UserIdVariable}.");
        }

        var backend = new SupportClient(endpoint, new ApiKeyCredential(apiKey), Options(endpoint));
        try
        {
            var request = new UserTokenRequest { UserId = userId, DisplayName = Env(UserNameVariable) ?? userId, Locale = Env(LocaleVariable) };
            async ValueTask<string> MintAsync(CancellationToken ct) => (await backend.Identity.CreateUserTokenAsync(request, ct)).Token;
            var minted = new UserTokenCredential(await MintAsync(cancellationToken), MintAsync);
            return new UserSession(new SupportClient(endpoint, minted, Options(endpoint)), minted, backend);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }
}

/// <summary>The user's client and what it owns: the token, and the backend client that mints a new one after a 401.</summary>
internal sealed class UserSession(SupportClient client, UserTokenCredential credential, SupportClient? backend) : IDisposable
{
    public SupportClient Client { get; } = client;

    public void Dispose()
    {
        Client.Dispose();
        credential.Dispose();
        backend?.Dispose();
    }
}
