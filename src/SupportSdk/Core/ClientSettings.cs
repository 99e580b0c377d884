using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Polly;
using SupportSdk.Security;

namespace SupportSdk.Core;

/// <summary>
/// Everything a client reads from <see cref="SupportClientOptions"/>, copied once at construction and never changed
/// afterwards: the caller may change or reuse the options object, its lists and certificate collection and its
/// sub-options without reaching a client already built. The ranges are checked here, so a bad value fails the
/// constructor with its name.
/// </summary>
internal sealed class ClientSettings
{
    private ClientSettings(SupportClientOptions options)
    {
        AllowInsecureLoopback = options.AllowInsecureLoopback;
        AllowedHosts = [.. options.AllowedHosts];
        PinnedPublicKeys = options.PinnedPublicKeySha256.ToFrozenSet(StringComparer.Ordinal);
        PinReportOnly = options.PinReportOnly;

        // Copies of the certificates, not the caller's objects: disposing or changing those later changes nothing here.
        TrustedRoots = [.. options.TrustedRootCertificates.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
        ManifestPublicKeys = [.. options.ManifestPublicKeys];
        SecretPolicy = options.SecretPolicy ?? throw Invalid("SecretPolicy", "set");
        Time = options.TimeProvider ?? throw Invalid("TimeProvider", "set");
        DefaultLocale = options.DefaultLocale is { Length: > 0 } locale ? locale : throw Invalid("DefaultLocale", "a locale such as en-us");
        LoggerFactory = options.LoggerFactory;
        ApplicationId = options.ApplicationId is { Length: > 0 } app ? app : null;
        Resilience = new ResilienceSettings(options);
        Chat = new ChatSettings(options.Chat);
    }

    public bool AllowInsecureLoopback { get; }

    public IReadOnlyList<string> AllowedHosts { get; }

    public FrozenSet<string> PinnedPublicKeys { get; }

    public bool PinReportOnly { get; }

    public IReadOnlyList<X509Certificate2> TrustedRoots { get; }

    /// <summary>The trust anchor of the official-channel manifest.</summary>
    public IReadOnlyList<string> ManifestPublicKeys { get; }

    public Security.SecretPolicy SecretPolicy { get; }

    public TimeProvider Time { get; }

    public string DefaultLocale { get; }

    public ILoggerFactory? LoggerFactory { get; }

    public string? ApplicationId { get; }

    public ResilienceSettings Resilience { get; }

    public ChatSettings Chat { get; }

    public static ClientSettings From(SupportClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClientSettings(options);
    }

    internal static void Check<T>(bool valid, T value, string name, string expected)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SupportClientOptions.{name} must be {expected}.");
        }
    }

    private static ArgumentException Invalid(string name, string expected) => new($"SupportClientOptions.{name} must be {expected}.", name);

    /// <summary>At most one day: Polly's own limit for delays and timeouts, and far below a cancellation source's ~49.</summary>
    internal static bool UpToADay(TimeSpan value, bool allowZero = true) => (allowZero ? value >= TimeSpan.Zero : value > TimeSpan.Zero) && value <= TimeSpan.FromDays(1);
}

/// <summary>The retry, circuit-breaker and timeout settings, copied and checked against Polly's own ranges.</summary>
internal sealed class ResilienceSettings
{
    public ResilienceSettings(SupportClientOptions options)
    {
        AttemptTimeout = CheckTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout));
        TotalTimeout = CheckTimeout(options.TotalTimeout, nameof(options.TotalTimeout));
        CustomPipeline = options.ResiliencePipeline;
        var retry = options.Retry;
        (MaxRetries, BaseDelay, MaxDelay, MaxRetryAfter) = (retry.MaxRetries, retry.BaseDelay, retry.MaxDelay, retry.MaxRetryAfter);
        var breaker = options.CircuitBreaker;
        (BreakerEnabled, FailureRatio, MinimumThroughput, SamplingDuration, BreakDuration) =
            (breaker.Enabled, breaker.FailureRatio, breaker.MinimumThroughput, breaker.SamplingDuration, breaker.BreakDuration);
        if (CustomPipeline is not null)
        {
            return; // the caller's pipeline replaces retry and breaker: their settings are not used
        }

        ClientSettings.Check(MaxRetries >= 0, MaxRetries, "Retry.MaxRetries", "0 or more");
        ClientSettings.Check(ClientSettings.UpToADay(BaseDelay), BaseDelay, "Retry.BaseDelay", "between 0 and 1 day");
        ClientSettings.Check(ClientSettings.UpToADay(MaxDelay), MaxDelay, "Retry.MaxDelay", "between 0 and 1 day");
        ClientSettings.Check(MaxRetryAfter >= TimeSpan.Zero, MaxRetryAfter, "Retry.MaxRetryAfter", "0 or more");
        if (BreakerEnabled)
        {
            ClientSettings.Check(FailureRatio is >= 0 and <= 1, FailureRatio, "CircuitBreaker.FailureRatio", "between 0 and 1");
            ClientSettings.Check(MinimumThroughput >= 2, MinimumThroughput, "CircuitBreaker.MinimumThroughput", "2 or more");
            ClientSettings.Check(SamplingDuration >= TimeSpan.FromMilliseconds(500) && SamplingDuration <= TimeSpan.FromDays(1), SamplingDuration, "CircuitBreaker.SamplingDuration", "between 0.5 s and 1 day");
            ClientSettings.Check(BreakDuration >= TimeSpan.FromMilliseconds(500) && BreakDuration <= TimeSpan.FromDays(1), BreakDuration, "CircuitBreaker.BreakDuration", "between 0.5 s and 1 day");
        }
    }

    public TimeSpan AttemptTimeout { get; }

    public TimeSpan TotalTimeout { get; }

    public ResiliencePipeline<HttpResponseMessage>? CustomPipeline { get; }

    public int MaxRetries { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRetryAfter { get; }

    public bool BreakerEnabled { get; }

    public double FailureRatio { get; }

    public int MinimumThroughput { get; }

    public TimeSpan SamplingDuration { get; }

    public TimeSpan BreakDuration { get; }

    private static TimeSpan CheckTimeout(TimeSpan timeout, string name)
    {
        ClientSettings.Check(ClientSettings.UpToADay(timeout, allowZero: false) || timeout == Timeout.InfiniteTimeSpan, timeout, name,
            "positive and at most 1 day, or Timeout.InfiniteTimeSpan");
        return timeout;
    }
}

/// <summary>The live-chat settings, copied and checked.</summary>
internal sealed class ChatSettings
{
    public ChatSettings(ChatOptions chat)
    {
        Transport = chat.Transport;
        ClientSettings.Check(Enum.IsDefined(Transport), Transport, "Chat.Transport", "Auto, WebSocket or LongPoll");
        SocketFactory = chat.SocketFactory;
        (ReconnectBaseDelay, ReconnectMaxDelay, IdleTimeout, LongPollWait, EventBufferSize) =
            (chat.ReconnectBaseDelay, chat.ReconnectMaxDelay, chat.IdleTimeout, chat.LongPollWait, chat.EventBufferSize);
        ClientSettings.Check(ClientSettings.UpToADay(ReconnectBaseDelay), ReconnectBaseDelay, "Chat.ReconnectBaseDelay", "between 0 and 1 day");
        ClientSettings.Check(ClientSettings.UpToADay(ReconnectMaxDelay) && ReconnectMaxDelay >= ReconnectBaseDelay, ReconnectMaxDelay, "Chat.ReconnectMaxDelay", "between Chat.ReconnectBaseDelay and 1 day");
        ClientSettings.Check(ClientSettings.UpToADay(IdleTimeout, allowZero: false), IdleTimeout, "Chat.IdleTimeout", "positive and at most 1 day");
        ClientSettings.Check(LongPollWait >= TimeSpan.Zero && LongPollWait <= TimeSpan.FromSeconds(30), LongPollWait, "Chat.LongPollWait", "between 0 and 30 s (the server's limit)");
        ClientSettings.Check(EventBufferSize >= 1, EventBufferSize, "Chat.EventBufferSize", "1 or more");
    }

    public ChatTransportMode Transport { get; }

    public ChatSocketFactory? SocketFactory { get; }

    public TimeSpan ReconnectBaseDelay { get; }

    public TimeSpan ReconnectMaxDelay { get; }

    public TimeSpan IdleTimeout { get; }

    public TimeSpan LongPollWait { get; }

    public int EventBufferSize { get; }
}
