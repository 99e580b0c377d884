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

    /// <summary>Gets or sets how long help-center searches and bot questions are kept for
    /// <c>GET /v1/agent/faq/insights</c> (normalized, without secrets); older ones are deleted.</summary>
    /// <value>Default 90 days; at least 1 day.</value>
    public TimeSpan FaqInsightsRetention { get; set; } = TimeSpan.FromDays(90);

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

    /// <summary>
    /// Gets or sets where article links point: a URL (absolute, or relative to the host's site) with <c>{id}</c>
    /// and optionally <c>{locale}</c>, e.g. <c>/help/articles/{id}</c>. It is used in search results, suggestions,
    /// articles, sections and the bot's answers, so that links lead to the exchange's own help pages.
    /// </summary>
    /// <value>Default <see langword="null"/>: the URL imported with each article (its Zendesk <c>html_url</c>).</value>
    /// <exception cref="ArgumentException">The template does not contain <c>{id}</c>.</exception>
    public string? FaqArticleUrlTemplate
    {
        get;
        set => field = value is null || value.Contains("{id}", StringComparison.Ordinal)
            ? value
            : throw new ArgumentException("The FAQ article URL template must contain {id}.", nameof(value));
    }

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

    /// <summary>Gets the dates support is closed (holidays), in <see cref="SupportTimeZone"/>; response targets do not
    /// run on them, and the bot says when agents are back.</summary>
    /// <value>Default none. In configuration: <c>Support:SupportHolidays:0 = 2026-12-25</c>, …</value>
    public IList<DateOnly> SupportHolidays { get; } = [];

    /// <summary>Gets or sets what the server does with secrets it finds in customer text before storing it: the
    /// client applies its own policy first; this is defence in depth.</summary>
    /// <value>Default <see cref="SupportSdk.Security.SecretPolicy.Default"/>: block seed phrases, private keys and API secrets
    /// (422 <c>sensitive_data_blocked</c>), store passwords and 2FA codes redacted.</value>
    public SupportSdk.Security.SecretPolicy SecretPolicy { get; set; } = SupportSdk.Security.SecretPolicy.Default;

    /// <summary>Gets the exchange's official channels, published signed at <c>GET /v1/channels/official</c>.</summary>
    /// <value>Default: none configured.</value>
    public OfficialChannelsOptions OfficialChannels { get; } = new();

    /// <summary>Gets the webhook delivery settings (<c>Support:Webhooks</c>).</summary>
    /// <value>The settings.</value>
    public WebhookOptions Webhooks { get; } = new();

    /// <summary>Gets the tickets' service-level policy (<c>Support:Sla</c>).</summary>
    /// <value>The policy.</value>
    public SlaOptions Sla { get; } = new();

    /// <summary>Gets the automatic assignment settings (<c>Support:Assignment</c>).</summary>
    /// <value>The settings.</value>
    public AssignmentOptions Assignment { get; } = new();

    /// <summary>Gets tickets by e-mail: the SMTP listener and support's mail domain.</summary>
    /// <value>The e-mail options.</value>
    public EmailOptions Email { get; } = new();

    /// <summary>Gets the canned replies agents can insert (<c>Support:Macros</c>).</summary>
    /// <value>Default empty.</value>
    public IList<MacroOptions> Macros { get; } = [];

    /// <summary>Gets or sets how often a chat WebSocket gets a <c>heartbeat</c> frame; the server also re-checks the
    /// connection's credential at each one and closes with 4001 once it has expired.</summary>
    /// <value>Default 15 seconds; 1 second to 5 minutes.</value>
    public TimeSpan ChatHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how many outgoing frames may wait for one chat WebSocket. A client that stops reading
    /// fills this queue and is disconnected with close code 4408, so the server's memory stays bounded.</summary>
    /// <value>Default 256 frames; at least 8.</value>
    public int ChatSendBufferFrames { get; set; } = 256;

    /// <summary>Gets or sets how long writing one frame to a chat WebSocket may take before the connection is
    /// considered dead and aborted (a peer that stopped reading never completes a write).</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan ChatSendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the largest frame a chat client may send; a larger one closes the connection with 4400.</summary>
    /// <value>Default 16 KiB.</value>
    public int ChatMaxFrameBytes { get; set; } = 16 * 1024;

    /// <summary>Gets or sets the sustained frames per second one caller may send over all their chat WebSockets
    /// together. A frame over the limit is refused with an <c>error</c> frame (<c>rate_limited</c>, naming the
    /// <c>clientMessageId</c> and the <c>retryAfterMs</c> to wait); a client that keeps going is closed with 4429.</summary>
    /// <value>Default 20.</value>
    public int ChatFramesPerSecond { get; set; } = 20;

    /// <summary>Gets or sets the burst of frames one caller may send above the sustained rate.</summary>
    /// <value>Default 40.</value>
    public int ChatFrameBurst { get; set; } = 40;

    /// <summary>Gets or sets how many chat WebSockets one caller may hold open at once on this node; one more is
    /// refused with 429 <c>too_many_connections</c>.</summary>
    /// <value>Default 5.</value>
    public int ChatConnectionsPerCaller { get; set; } = 5;

    /// <summary>Gets or sets how many tickets one customer may open in any hour; one more answers 429
    /// <c>ticket_quota_exceeded</c> with <c>Retry-After</c>.</summary>
    /// <value>Default 20.</value>
    public int TicketsPerUserPerHour { get; set; } = 20;

    /// <summary>Gets or sets the bytes of attachments one caller may have stored; an upload past it answers 413
    /// <c>attachment_quota_exceeded</c>.</summary>
    /// <value>Default 100 MiB.</value>
    public long AttachmentQuotaBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets how long an upload may wait to be attached to a message before a background sweep deletes it.</summary>
    /// <value>Default 24 hours.</value>
    public TimeSpan UnattachedUploadLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how many failed authentications one client address may make in a burst before further
    /// requests from it answer 429 (other addresses are not affected); it regains one try every
    /// <see cref="AuthFailureWindow"/> divided by this number.</summary>
    /// <value>Default 20.</value>
    public int AuthFailureBurst { get; set; } = 20;

    /// <summary>Gets or sets the time in which a client address regains its whole <see cref="AuthFailureBurst"/>.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the average time an agent spends on one chat: the queue's wait estimate is
    /// position × this ÷ agents online.</summary>
    /// <value>Default 180 seconds.</value>
    public TimeSpan ChatAverageHandleTime { get; set; } = TimeSpan.FromSeconds(180);

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
