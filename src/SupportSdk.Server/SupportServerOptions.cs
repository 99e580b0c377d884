namespace SupportSdk.Server;

/// <summary>Configures the embedded Support API server. Bind from configuration section <c>Support</c> or set in code.</summary>
public sealed class SupportServerOptions
{
    /// <summary>Gets or sets the SQLite database file.</summary>
    /// <value>Default <c>support.db</c> in the working directory. Created, with its schema, when missing.</value>
    public string DatabasePath { get; set; } = "support.db";

    /// <summary>Gets the API keys exchange backends use (server to server). Added to the key store at start.</summary>
    /// <value>Default empty. Keys must be at least 24 characters.</value>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Gets the agent keys, by agent display name. Added to the key store at start.</summary>
    /// <value>Default empty. Keys must be at least 24 characters.</value>
    public IDictionary<string, string> AgentKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the base64 HMAC key that signs user tokens (at least 32 bytes).</summary>
    /// <value>Default <see langword="null"/>: a random key is generated once and kept in the database, so every
    /// node sharing the database accepts the same tokens.</value>
    public string? UserTokenSigningKey { get; set; }

    /// <summary>Gets or sets how long a user token is valid.</summary>
    /// <value>Default one hour; 1 minute to 24 hours.</value>
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the largest JSON request body accepted.</summary>
    /// <value>Default 256 KiB. Larger bodies answer 413 <c>payload_too_large</c>.</value>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Gets or sets the largest attachment accepted.</summary>
    /// <value>Default 10 MiB.</value>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Gets or sets the sustained requests per second allowed per caller (user, key, or anonymous IP).</summary>
    /// <value>Default 20.</value>
    public int RateLimitPerSecond { get; set; } = 20;

    /// <summary>Gets or sets the burst of requests allowed per caller above the sustained rate.</summary>
    /// <value>Default 100.</value>
    public int RateLimitBurst { get; set; } = 100;

    /// <summary>Gets or sets how long an <c>Idempotency-Key</c> and its stored response are kept.</summary>
    /// <value>Default 24 hours.</value>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the locale used when a caller names none, and the first fallback for FAQ search.</summary>
    /// <value>Default <c>en-us</c>.</value>
    public string DefaultLocale { get; set; } = "en-us";

    /// <summary>Gets or sets the time zone of the support hours (IANA id).</summary>
    /// <value>Default <c>UTC</c>.</value>
    public string SupportTimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the hour support opens (0–23).</summary>
    /// <value>Default 0.</value>
    public int SupportOpensAtHour { get; set; }

    /// <summary>Gets or sets the hour support closes (1–24).</summary>
    /// <value>Default 24: with the default opening hour, around the clock.</value>
    public int SupportClosesAtHour { get; set; } = 24;

    /// <summary>Gets the days support is staffed.</summary>
    /// <value>Default every day of the week.</value>
    public IList<DayOfWeek> SupportDays { get; } = [.. Enum.GetValues<DayOfWeek>()];

    /// <summary>Gets or sets what the server does with secrets it finds in customer text before storing it: the
    /// client applies its own policy first; this is defence in depth.</summary>
    /// <value>Default <see cref="SupportSdk.Security.SecretPolicy.Default"/>: block seed phrases, private keys and API secrets
    /// (422 <c>sensitive_data_blocked</c>), store passwords and 2FA codes redacted.</value>
    public SupportSdk.Security.SecretPolicy SecretPolicy { get; set; } = SupportSdk.Security.SecretPolicy.Default;

    /// <summary>Gets the exchange's official channels, published signed at <c>GET /v1/channels/official</c>.</summary>
    /// <value>Default: none configured.</value>
    public OfficialChannelsOptions OfficialChannels { get; } = new();

    /// <summary>Gets the published first-response targets in minutes, by priority (<c>urgent</c>, <c>high</c>, ...).</summary>
    /// <value>Default urgent 15, high 60, normal 240, low 1440.</value>
    public IDictionary<string, int> FirstResponseTargetMinutes { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["urgent"] = 15,
        ["high"] = 60,
        ["normal"] = 240,
        ["low"] = 1440,
    };
}
