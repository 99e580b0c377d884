using System.Text;

namespace SupportSdk.Security;

/// <summary>Maps each <see cref="SecretKind"/> to a <see cref="SecretAction"/>, decides what to do with a message
/// from its findings, and redacts the secrets. Immutable and thread-safe.</summary>
/// <remarks>The default blocks seed phrases, private keys and API secrets (they give away funds for good) and
/// redacts passwords and one-time codes.</remarks>
public sealed class SecretPolicy
{
    /// <summary>The text that replaces a redacted secret.</summary>
    public const string RedactionMarker = "[redacted]";

    private static readonly SecretKind[] s_kinds = Enum.GetValues<SecretKind>();
    private readonly SecretAction[] _actions;

    /// <summary>Creates a policy from a map of actions.</summary>
    /// <param name="actions">The action for each kind; a kind that is missing gets its <see cref="Default"/> action.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The map holds an undefined kind or action.</exception>
    public SecretPolicy(IReadOnlyDictionary<SecretKind, SecretAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _actions = DefaultActions();
        foreach (var (kind, action) in actions)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(actions), kind, "Unknown secret kind.");
            }

            if (!Enum.IsDefined(action))
            {
                throw new ArgumentOutOfRangeException(nameof(actions), action, "Unknown secret action.");
            }

            _actions[(int)kind] = action;
        }
    }

    private SecretPolicy(SecretAction[] actions) => _actions = actions;

    /// <summary>Gets the default policy: <see cref="SecretAction.Block"/> for mnemonic, private_key and api_secret;
    /// <see cref="SecretAction.Redact"/> for password and otp.</summary>
    public static SecretPolicy Default { get; } = new(DefaultActions());

    /// <summary>Gets the action for a kind of secret.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public SecretAction this[SecretKind kind] =>
        Enum.IsDefined(kind) ? _actions[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown secret kind.");

    /// <summary>Returns a copy of this policy with another action for one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="action">Its new action.</param>
    /// <returns>The new policy; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> or <paramref name="action"/> is not a defined value.</exception>
    public SecretPolicy With(SecretKind kind, SecretAction action)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown secret kind.");
        }

        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown secret action.");
        }

        var actions = (SecretAction[])_actions.Clone();
        actions[(int)kind] = action;
        return new SecretPolicy(actions);
    }

    /// <summary>Decides what to do with a message: the most severe action over its findings.</summary>
    /// <param name="findings">The findings from <see cref="SecretScanner.Scan(string)"/>.</param>
    /// <returns>The most severe action; <see cref="SecretAction.Allow"/> when there are no findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> is <see langword="null"/>.</exception>
    public SecretAction Decide(IReadOnlyList<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var decision = SecretAction.Allow;
        foreach (var finding in findings)
        {
            var action = this[finding.Kind];
            if (action > decision)
            {
                decision = action;
            }
        }

        return decision;
    }

    /// <summary>Replaces the span of every finding whose action is <see cref="SecretAction.Redact"/> or
    /// <see cref="SecretAction.Block"/> with <see cref="RedactionMarker"/>; overlapping spans become one marker.</summary>
    /// <param name="text">The text that was scanned.</param>
    /// <param name="findings">The findings from scanning <paramref name="text"/>.</param>
    /// <returns>The redacted text (the same instance when nothing is redacted).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="findings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A finding lies outside <paramref name="text"/>.</exception>
    public string Redact(string text, IReadOnlyList<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var spans = new List<(int Start, int End)>();
        foreach (var finding in findings)
        {
            if (finding.End > text.Length)
            {
                throw new ArgumentException($"Finding {finding} lies outside the text ({text.Length} characters).", nameof(findings));
            }

            if (this[finding.Kind] >= SecretAction.Redact)
            {
                spans.Add((finding.Start, finding.End));
            }
        }

        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var index = 0;
        while (index < spans.Count)
        {
            var (start, end) = spans[index++];
            while (index < spans.Count && spans[index].Start < end)
            {
                end = Math.Max(end, spans[index++].End);
            }

            builder.Append(text, position, start - position).Append(RedactionMarker);
            position = end;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    private static SecretAction[] DefaultActions()
    {
        var actions = new SecretAction[s_kinds.Length];
        actions[(int)SecretKind.Mnemonic] = SecretAction.Block;
        actions[(int)SecretKind.PrivateKey] = SecretAction.Block;
        actions[(int)SecretKind.ApiSecret] = SecretAction.Block;
        actions[(int)SecretKind.Password] = SecretAction.Redact;
        actions[(int)SecretKind.Otp] = SecretAction.Redact;
        return actions;
    }
}
