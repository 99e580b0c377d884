namespace SupportSdk.Security;

/// <summary>
/// Everything a customer writes, request by request, and the one way both halves screen it: the client before a
/// request leaves the device, the server again before it stores anything. A string a customer can send that is not
/// listed here is not free text (an id, a code from a closed list, a locale) and the tests hold that list.
/// </summary>
public static class CustomerText
{
    /// <summary>Screens every text a customer wrote in <paramref name="request"/> with <paramref name="policy"/>.</summary>
    /// <typeparam name="T">A customer request: <see cref="CreateTicketRequest"/>, <see cref="ReplyRequest"/>,
    /// <see cref="EscalateRequest"/>, <see cref="RateTicketRequest"/>, <see cref="StartChatRequest"/>,
    /// <see cref="SendChatMessageRequest"/>, <see cref="ChannelReportRequest"/> or <see cref="FaqFeedbackRequest"/>.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="policy">The policy; <see cref="SecretPolicy.Default"/> when <see langword="null"/>.</param>
    /// <returns>The decision and a copy of the request to send or store, with redacted texts where the policy redacts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a customer request.</exception>
    public static ScreenedRequest<T> ScreenAll<T>(T request, SecretPolicy? policy = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var schema = CustomerTextSchemas.For<T>();
        var screened = ScreenTexts(schema.Fields(request), policy);
        var safe = screened.Changed ? schema.With(request, screened.Texts) : request;
        return new ScreenedRequest<T>(safe, screened);
    }

    /// <summary>Screens texts a customer wrote outside a request model (a search query, a file name, a text file).</summary>
    /// <param name="fields">The fields, each named as it is reported in findings.</param>
    /// <param name="policy">The policy; <see cref="SecretPolicy.Default"/> when <see langword="null"/>.</param>
    /// <returns>The texts to send or store, in order, with the decision and the findings over all of them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    public static ScreenedTexts ScreenTexts(IReadOnlyList<CustomerField> fields, SecretPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        policy ??= SecretPolicy.Default;
        var texts = new string?[fields.Count];
        var action = SecretAction.Allow;
        var changed = false;
        List<SensitiveFinding>? findings = null;
        // Control and bidirectional-override characters go first, so that findings point into the text as stored.
        // The fields are read together, in order: a seed phrase split between them (subject and body, or one
        // author's consecutive chat messages) is found in each part it touches. Where no phrase can cross from one
        // field into the next (the usual case), each field is read alone, without joining them.
        var cleaned = new string?[fields.Count];
        var mayJoin = false;
        string? previous = null;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!string.IsNullOrEmpty(fields[i].Text))
            {
                var clean = UnsafeCharacters.Strip(fields[i].Text!);
                cleaned[i] = clean;
                mayJoin |= previous is not null && SecretScanner.Default.MayJoin(previous, clean);
                previous = clean;
            }
        }

        IReadOnlyList<IReadOnlyList<SecretFinding>>? joined = mayJoin
            ? SecretScanner.Default.ScanParts([.. cleaned.Where(c => c is not null).Select(c => c!)])
            : null;
        var at = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, text) = fields[i];
            if (cleaned[i] is not { } clean)
            {
                texts[i] = text;
                continue;
            }

            var screened = joined is null ? SecretGuard.Screen(name, clean, policy) : SecretGuard.Apply(name, clean, joined[at++], policy);
            texts[i] = screened.Text;
            changed |= !ReferenceEquals(screened.Text, text);
            if (screened.Findings.Count > 0)
            {
                action = Max(action, screened.Action);
                (findings ??= []).AddRange(screened.Findings);
            }
        }

        return new ScreenedTexts(fields, texts, action, findings ?? (IReadOnlyList<SensitiveFinding>)[]) { Changed = changed };
    }

    /// <summary>
    /// Screens a chat message together with the same author's consecutive earlier messages in that chat (oldest
    /// first, since the other side last wrote), so that a seed phrase split over several messages is found: the
    /// message that completes it is decided by <paramref name="policy"/> (blocked, by default), and the earlier ones it
    /// touches come back redacted, for the server to store that way.
    /// </summary>
    /// <param name="text">The new message.</param>
    /// <param name="earlier">The author's consecutive earlier messages, oldest first (empty for none).</param>
    /// <param name="policy">The policy; <see cref="SecretPolicy.Default"/> when <see langword="null"/>.</param>
    /// <returns>The decision on the new message and the earlier messages to redact.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="earlier"/> is <see langword="null"/>.</exception>
    public static ScreenedMessage ScreenMessage(string text, IReadOnlyList<string> earlier, SecretPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(earlier);
        policy ??= SecretPolicy.Default;
        var clean = UnsafeCharacters.Strip(text);
        // A phrase that ends in this message crosses the boundary with the previous one; when no phrase can (the
        // usual case), this message alone decides and the earlier ones are not read again.
        if (earlier.Count == 0 || clean.Length == 0 || !SecretScanner.Default.MayJoin(earlier[^1], clean))
        {
            var alone = SecretGuard.Screen("text", clean, policy);
            return new ScreenedMessage(alone.Text, alone.Action, alone.Findings, new NothingRedacted(earlier.Count));
        }

        var found = SecretScanner.Default.ScanParts([.. earlier, clean]);
        var screened = SecretGuard.Apply("text", clean, found[^1], policy);
        var redacted = new string?[earlier.Count];
        for (var i = 0; i < earlier.Count; i++)
        {
            redacted[i] = found[i].Count == 0 ? null : policy.Redact(earlier[i], found[i]);
        }

        return new ScreenedMessage(screened.Text, screened.Action, screened.Findings, redacted);
    }

    /// <summary>The texts a customer wrote in <paramref name="request"/>, by field name.</summary>
    /// <typeparam name="T">A customer request (see <see cref="ScreenAll{T}(T, SecretPolicy?)"/>).</typeparam>
    /// <param name="request">The request.</param>
    /// <returns>The fields; a missing optional text is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a customer request.</exception>
    public static IReadOnlyList<CustomerField> FieldsOf<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return CustomerTextSchemas.For<T>().Fields(request);
    }

    private static SecretAction Max(SecretAction a, SecretAction b) => Severity(a) >= Severity(b) ? a : b;

    private static int Severity(SecretAction action) => action switch
    {
        SecretAction.Block => 3,
        SecretAction.Redact => 2,
        SecretAction.Warn => 1,
        _ => 0,
    };
}

/// <summary>One text a customer wrote, with the name of the field it is sent in.</summary>
/// <param name="Name">The field, e.g. <c>body</c> or <c>transaction.txId</c>.</param>
/// <param name="Text">The text, or <see langword="null"/> when the field was left out.</param>
public readonly record struct CustomerField(string Name, string? Text);

/// <summary>The outcome of <see cref="CustomerText.ScreenTexts(IReadOnlyList{CustomerField}, SecretPolicy?)"/>.</summary>
public sealed class ScreenedTexts
{
    private readonly IReadOnlyList<CustomerField> _fields;

    internal ScreenedTexts(IReadOnlyList<CustomerField> fields, IReadOnlyList<string?> texts, SecretAction action, IReadOnlyList<SensitiveFinding> findings)
    {
        _fields = fields;
        Texts = texts;
        Action = action;
        Findings = findings;
    }

    /// <summary>Gets the texts to send or store, in the order of the fields: redacted where the policy redacts, and
    /// without <see cref="UnsafeCharacters"/>.</summary>
    /// <value>The texts.</value>
    public IReadOnlyList<string?> Texts { get; }

    /// <summary>Gets the most severe action over all findings in all fields.</summary>
    /// <value>The action; <see cref="SecretAction.Allow"/> when nothing was found.</value>
    public SecretAction Action { get; }

    /// <summary>Gets where the secrets are, field by field (never the secrets).</summary>
    /// <value>The findings.</value>
    public IReadOnlyList<SensitiveFinding> Findings { get; }

    /// <summary>Gets a value indicating whether nothing may be sent or stored.</summary>
    /// <value><see langword="true"/> when <see cref="Action"/> is <see cref="SecretAction.Block"/>.</value>
    public bool IsBlocked => Action == SecretAction.Block;

    /// <summary>Gets whether a text differs from what was given (redacted, or unsafe characters removed).</summary>
    internal bool Changed { get; init; }

    /// <summary>Gets the text to send or store for a field.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>The text.</returns>
    /// <exception cref="KeyNotFoundException">There is no such field.</exception>
    public string? this[string name]
    {
        get
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
                {
                    return Texts[i];
                }
            }

            throw new KeyNotFoundException($"No field named '{name}'.");
        }
    }
}

/// <summary>The outcome of <see cref="CustomerText.ScreenAll{T}(T, SecretPolicy?)"/>.</summary>
/// <typeparam name="T">The request type.</typeparam>
public sealed class ScreenedRequest<T>
    where T : class
{
    internal ScreenedRequest(T request, ScreenedTexts texts)
    {
        Request = request;
        Action = texts.Action;
        Findings = texts.Findings;
    }

    /// <summary>Gets the request to send or store: the original, or a copy with redacted texts. Must not be sent
    /// when <see cref="IsBlocked"/>.</summary>
    /// <value>The request.</value>
    public T Request { get; }

    /// <summary>Gets the most severe action over all findings.</summary>
    /// <value>The action.</value>
    public SecretAction Action { get; }

    /// <summary>Gets where the secrets are, field by field (never the secrets).</summary>
    /// <value>The findings.</value>
    public IReadOnlyList<SensitiveFinding> Findings { get; }

    /// <summary>Gets a value indicating whether the request must not be sent or stored.</summary>
    /// <value><see langword="true"/> when <see cref="Action"/> is <see cref="SecretAction.Block"/>.</value>
    public bool IsBlocked => Action == SecretAction.Block;
}

/// <summary>The outcome of <see cref="CustomerText.ScreenMessage"/>.</summary>
public sealed class ScreenedMessage
{
    internal ScreenedMessage(string text, SecretAction action, IReadOnlyList<SensitiveFinding> findings, IReadOnlyList<string?> earlierRedacted)
    {
        Text = text;
        Action = action;
        Findings = findings;
        EarlierRedacted = earlierRedacted;
    }

    /// <summary>Gets the message to send or store (redacted where the policy redacts); not to be sent when blocked.</summary>
    /// <value>The text.</value>
    public string Text { get; }

    /// <summary>Gets the most severe action over the new message's findings.</summary>
    /// <value>The action.</value>
    public SecretAction Action { get; }

    /// <summary>Gets where the secrets are in the new message (never the secrets).</summary>
    /// <value>The findings.</value>
    public IReadOnlyList<SensitiveFinding> Findings { get; }

    /// <summary>Gets, for each earlier message, its redacted text when a split phrase touched it; otherwise null.</summary>
    /// <value>One entry per earlier message, in the order given.</value>
    public IReadOnlyList<string?> EarlierRedacted { get; }

    /// <summary>Gets a value indicating whether the new message must not be sent or stored.</summary>
    /// <value><see langword="true"/> when <see cref="Action"/> is <see cref="SecretAction.Block"/>.</value>
    public bool IsBlocked => Action == SecretAction.Block;
}

/// <summary>An <see cref="ScreenedMessage.EarlierRedacted"/> with nothing to redact: one small object instead of an
/// array per chat message (the chat benchmark's bytes per message).</summary>
internal sealed class NothingRedacted(int count) : IReadOnlyList<string?>
{
    public int Count => count;

    public string? this[int index] => (uint)index < (uint)count ? null : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<string?> GetEnumerator() => Enumerable.Repeat<string?>(null, count).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
