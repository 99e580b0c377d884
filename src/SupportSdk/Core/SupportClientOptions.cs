using System.Security.Cryptography.X509Certificates;
using Polly;

namespace SupportSdk;

/// <summary>Configures a <see cref="SupportClient"/>. Bind from configuration section <c>SupportClient</c> or set in code.</summary>
public sealed class SupportClientOptions
{
    /// <summary>Gets or sets the Support API base address (used by dependency injection; constructors take it directly).</summary>
    /// <value>Default <see langword="null"/>. Must be HTTPS unless <see cref="AllowInsecureLoopback"/> applies.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key (used by dependency injection when <see cref="Credential"/> is not set).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the credential (used by dependency injection; constructors take it directly).</summary>
    /// <value>Default <see langword="null"/>: <see cref="ApiKey"/> is used.</value>
    public SupportCredential? Credential { get; set; }

    /// <summary>Gets or sets whether plain HTTP is allowed to a loopback endpoint (127.0.0.0/8, ::1, localhost), for development.</summary>
    /// <value>Default <see langword="false"/>: HTTPS only, everywhere.</value>
    public bool AllowInsecureLoopback { get; set; }

    /// <summary>Gets the hosts the endpoint may have. When empty, only the endpoint's own host is ever contacted.</summary>
    /// <value>Default empty.</value>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Gets the base64 SHA-256 hashes of SubjectPublicKeyInfo the server's chain must contain (any certificate in the
    /// chain; list a backup pin too). Pins are checked in addition to normal certificate validation, never instead.
    /// </summary>
    /// <value>Default empty: no pinning (OWASP advises against pinning by default).</value>
    public IList<string> PinnedPublicKeySha256 { get; } = [];

    /// <summary>Gets or sets whether a pin mismatch is only logged instead of refused, to roll out pins safely.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool PinReportOnly { get; set; }

    /// <summary>Gets root certificates to trust in addition to the system store, for an exchange's private CA.</summary>
    /// <value>Default empty.</value>
    public X509Certificate2Collection TrustedRootCertificates { get; } = [];

    /// <summary>
    /// Gets the public keys (base64 SubjectPublicKeyInfo, ECDSA P-256) that may sign the exchange's official-channel
    /// manifest. List the next key too before rotating. A manifest signed by any other key is rejected.
    /// </summary>
    /// <value>Default empty: <c>SupportClient.Channels</c> refuses to trust any manifest.</value>
    public IList<string> ManifestPublicKeys { get; } = [];

    /// <summary>Gets or sets what the SDK does with secrets it finds in text the user is about to send (ticket
    /// subject and body, replies, ratings, chat messages): by default a seed phrase, private key or API secret is
    /// blocked with <see cref="SensitiveDataException"/> before anything leaves the device, and a password or 2FA
    /// code is replaced by <c>[redacted]</c>. Agent and bot messages are flagged whatever the policy.</summary>
    /// <value>Default <see cref="Security.SecretPolicy.Default"/>.</value>
    public Security.SecretPolicy SecretPolicy { get; set; } = Security.SecretPolicy.Default;

    /// <summary>Gets the retry settings.</summary>
    /// <value>3 retries, exponential backoff with jitter from 200 ms up to 10 s, Retry-After honoured up to 30 s.</value>
    public SupportRetryOptions Retry { get; } = new();

    /// <summary>Gets the circuit-breaker settings.</summary>
    /// <value>Opens when half of at least 20 calls in 30 s fail; stays open 15 s.</value>
    public SupportCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>Gets or sets how long one attempt may take, body included; also applies under a custom <see cref="ResiliencePipeline"/>.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long one call may take across all attempts and waits. Wins over attempts × attempt timeout; also applies under a custom <see cref="ResiliencePipeline"/>.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a resilience pipeline that replaces the default retry and circuit breaker (the timeouts stay). It
    /// must not retry a POST or PATCH that has no <c>Idempotency-Key</c> header.
    /// </summary>
    /// <value>Default <see langword="null"/>: the standard pipeline built from these options.</value>
    public ResiliencePipeline<HttpResponseMessage>? ResiliencePipeline { get; set; }

    /// <summary>Gets or sets the clock used for backoff, timeouts and the circuit breaker.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the live-chat settings: transport, socket factory, reconnect backoff, buffers.</summary>
    /// <value>See <see cref="ChatOptions"/>.</value>
    public ChatOptions Chat { get; } = new();

    /// <summary>Gets or sets the locale sent with FAQ calls that do not name one.</summary>
    /// <value>Default <c>en-us</c>.</value>
    public string DefaultLocale { get; set; } = "en-us";

    /// <summary>Gets or sets where the SDK logs (method, path, status and timing only; never headers, keys, tokens or bodies).</summary>
    /// <value>Default <see langword="null"/>: no logging. Dependency injection uses the container's logger factory.</value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets an application id added to the <c>User-Agent</c>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? ApplicationId { get; set; }
}

/// <summary>Retry settings (Polly retry strategy).</summary>
public sealed class SupportRetryOptions
{
    /// <summary>Gets or sets how many times a failed attempt is retried.</summary>
    /// <value>Default 3; 0 disables retries.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first backoff delay; later delays grow exponentially, with jitter.</summary>
    /// <value>Default 200 ms.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest backoff delay.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest <c>Retry-After</c> honoured; longer requests are clamped to it.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Circuit-breaker settings (Polly circuit breaker strategy).</summary>
public sealed class SupportCircuitBreakerOptions
{
    /// <summary>Gets or sets whether the circuit breaker is used.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the failure ratio that opens the circuit.</summary>
    /// <value>Default 0.5.</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest calls in the sampling window before the circuit may open.</summary>
    /// <value>Default 20.</value>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Gets or sets the sampling window.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before a probe is let through.</summary>
    /// <value>Default 15 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
