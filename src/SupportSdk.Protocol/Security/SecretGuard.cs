using SupportSdk.Channels;

namespace SupportSdk.Security;

/// <summary>
/// The one place both halves apply the secret policy and the scam flags: the client before a customer's text
/// leaves the device, the server again before it stores it, and both when an agent's or bot's message is read.
/// </summary>
public static class SecretGuard
{
    /// <summary>Applies <paramref name="policy"/> to text a customer wrote.</summary>
    /// <param name="field">The field the text is sent in (e.g. <c>body</c>), reported with each finding.</param>
    /// <param name="text">The text.</param>
    /// <param name="policy">The policy; <see cref="SecretPolicy.Default"/> when <see langword="null"/>.</param>
    /// <returns>What to do, the text to send or store (redacted when the action is <see cref="SecretAction.Redact"/>)
    /// and where the secrets are — never the secrets themselves.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> or <paramref name="text"/> is <see langword="null"/>.</exception>
    public static GuardedText Screen(string field, string text, SecretPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(text);
        return Apply(field, text, SecretScanner.Default.Scan(text), policy ?? SecretPolicy.Default);
    }

    /// <summary>Applies the policy to findings already made in <paramref name="text"/>.</summary>
    internal static GuardedText Apply(string field, string text, IReadOnlyList<SecretFinding> findings, SecretPolicy policy)
    {
        if (findings.Count == 0)
        {
            return new GuardedText(text, SecretAction.Allow, []);
        }

        var action = policy.Decide(findings);
        var reported = new SensitiveFinding[findings.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            reported[i] = new SensitiveFinding
            {
                Kind = finding.Kind.ToWireName(),
                Field = field,
                Start = finding.Start,
                Length = finding.Length,
                Confidence = finding.Confidence.ToWireName(),
            };
        }

        var safe = action == SecretAction.Redact ? policy.Redact(text, findings) : text;
        return new GuardedText(safe, action, reported);
    }

    /// <summary>The flags an agent's or bot's message earns: <see cref="MessageFlags.AsksForSecret"/> when it asks
    /// for a secret or remote access, <see cref="MessageFlags.UnofficialLink"/> when it links to a host that is not
    /// official (only known when <paramref name="officialChannels"/> is given).</summary>
    /// <param name="text">The message.</param>
    /// <param name="officialChannels">The verifier over the exchange's official channels, or <see langword="null"/>.</param>
    /// <param name="existing">Flags the message already carries (e.g. set by the server); kept.</param>
    /// <returns>The flags, without duplicates, in a stable order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> FlagsFor(string text, ChannelVerifier? officialChannels, IReadOnlyList<string>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var asks = SecretRequestDetector.AsksForSecret(text);
        var unofficial = false;
        if (officialChannels is not null)
        {
            foreach (var link in ChannelVerifier.ExtractLinks(text))
            {
                if (!officialChannels.IsOfficialUrl(link))
                {
                    unofficial = true;
                    break;
                }
            }
        }

        if (!asks && !unofficial && (existing is null || existing.Count == 0))
        {
            return [];
        }

        var flags = new List<string>(2);
        if (asks || Contains(existing, MessageFlags.AsksForSecret))
        {
            flags.Add(MessageFlags.AsksForSecret);
        }

        if (unofficial || Contains(existing, MessageFlags.UnofficialLink))
        {
            flags.Add(MessageFlags.UnofficialLink);
        }

        if (existing is not null)
        {
            foreach (var flag in existing)
            {
                if (!flags.Contains(flag, StringComparer.Ordinal))
                {
                    flags.Add(flag);
                }
            }
        }

        return flags;
    }

    private static bool Contains(IReadOnlyList<string>? flags, string flag) =>
        flags is not null && flags.Contains(flag, StringComparer.Ordinal);
}

/// <summary>The outcome of <see cref="SecretGuard.Screen"/>.</summary>
public sealed class GuardedText
{
    internal GuardedText(string text, SecretAction action, IReadOnlyList<SensitiveFinding> findings)
    {
        Text = text;
        Action = action;
        Findings = findings;
    }

    /// <summary>Gets the text to send or store: the original, or redacted when <see cref="Action"/> is
    /// <see cref="SecretAction.Redact"/>. When the action is <see cref="SecretAction.Block"/> it must not be sent.</summary>
    /// <value>The text.</value>
    public string Text { get; }

    /// <summary>Gets the most severe action over the findings.</summary>
    /// <value>The action.</value>
    public SecretAction Action { get; }

    /// <summary>Gets where the secrets are (never the secrets).</summary>
    /// <value>The findings.</value>
    public IReadOnlyList<SensitiveFinding> Findings { get; }

    /// <summary>Gets a value indicating whether the text must not be sent or stored.</summary>
    /// <value><see langword="true"/> when <see cref="Action"/> is <see cref="SecretAction.Block"/>.</value>
    public bool IsBlocked => Action == SecretAction.Block;
}
