using Microsoft.Extensions.Logging;
using SupportSdk.Channels;
using SupportSdk.Security;

namespace SupportSdk.Core;

/// <summary>
/// The client half of the secret guard: customer text is screened with <see cref="SupportClientOptions.SecretPolicy"/>
/// before it is sent; agent and bot messages get the scam flags computed here too (kept together with the server's),
/// so an app is protected even from a compromised server.
/// </summary>
internal sealed partial class MessageScreening(ClientSettings settings, Func<ChannelsClient> channelsClient, ILogger logger)
{
    /// <summary>The request to send: every text a customer wrote in it (<see cref="CustomerText"/> decides which)
    /// screened, redacted where the policy says so; throws when one must not be sent.</summary>
    public T Outgoing<T>(T request)
        where T : class
    {
        var screened = CustomerText.ScreenAll(request, settings.SecretPolicy);
        Report(screened.Action, screened.Findings);
        return screened.Request;
    }

    /// <summary>Texts to send outside a request model (a search query, a file name, a chat line), screened the same way.</summary>
    public IReadOnlyList<string?> Outgoing(params CustomerField[] fields)
    {
        var screened = CustomerText.ScreenTexts(fields, settings.SecretPolicy);
        Report(screened.Action, screened.Findings);
        return screened.Texts;
    }

    /// <summary>One chat line, screened together with the author's consecutive earlier lines in the chat, so a seed
    /// phrase sent a few words at a time is refused when the line that completes it is sent.</summary>
    public string OutgoingChatMessage(string text, IReadOnlyList<string> earlier)
    {
        var screened = CustomerText.ScreenMessage(text, earlier, settings.SecretPolicy);
        Report(screened.Action, screened.Findings);
        return screened.Text;
    }

    private void Report(SecretAction action, IReadOnlyList<SensitiveFinding> findings)
    {
        switch (action)
        {
            case SecretAction.Block:
                Log.Blocked(logger, findings.Count);
                throw new SensitiveDataException(
                    "The message contains a secret (" + string.Join(", ", findings.Select(f => f.Kind + " in " + f.Field).Distinct()) +
                    ") and was not sent. Support never needs a seed phrase, private key or API secret.", findings, blockedOnDevice: true);
            case SecretAction.Warn or SecretAction.Redact when logger.IsEnabled(LogLevel.Information):
                foreach (var field in findings.Select(f => f.Field).Distinct())
                {
                    var count = 0;
                    foreach (var finding in findings)
                    {
                        count += finding.Field == field ? 1 : 0;
                    }

                    Log.Screened(logger, field, action, count);
                }

                break;
        }
    }

    /// <summary>The message with its scam flags (the server's plus the SDK's own) when an agent or bot wrote it.</summary>
    public async ValueTask<TicketMessage> IncomingAsync(TicketMessage message, CancellationToken cancellationToken)
    {
        // A server that omits "flags" (an older or a compromised one) leaves the list null after deserialization.
        var existing = message.Flags ?? [];
        var flags = message.From.Role == AuthorRole.Customer || string.IsNullOrEmpty(message.Body)
            ? existing
            : SecretGuard.FlagsFor(message.Body, await VerifierAsync(cancellationToken).ConfigureAwait(false), existing);
        return ReferenceEquals(flags, message.Flags) || (flags.Count == existing.Count && message.Flags is not null && message.Attachments is not null)
            ? message
            : new TicketMessage
            {
                Id = message.Id,
                Seq = message.Seq,
                From = message.From,
                Body = message.Body,
                CreatedAt = message.CreatedAt,
                Attachments = message.Attachments ?? [],
                Flags = flags,
            };
    }

    /// <summary>The scam flags of an agent's or bot's chat message: the server's plus the SDK's own.</summary>
    public async ValueTask<IReadOnlyList<string>> FlagsAsync(AuthorRole role, string text, IReadOnlyList<string>? existing, CancellationToken cancellationToken) =>
        role == AuthorRole.Customer || text.Length == 0
            ? existing ?? []
            : SecretGuard.FlagsFor(text, await VerifierAsync(cancellationToken).ConfigureAwait(false), existing);

    public async ValueTask<Page<TicketMessage>> IncomingAsync(Page<TicketMessage> page, CancellationToken cancellationToken)
    {
        var items = new TicketMessage[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = await IncomingAsync(page.Items[i], cancellationToken).ConfigureAwait(false);
        }

        return new Page<TicketMessage> { Items = items, NextCursor = page.NextCursor };
    }

    /// <summary>The verifier over the official channels when a manifest key is pinned and the manifest can be had;
    /// otherwise null, and only the <c>asks_for_secret</c> check runs here (the server's flags are kept either way).</summary>
    private async ValueTask<ChannelVerifier?> VerifierAsync(CancellationToken cancellationToken)
    {
        if (settings.ManifestPublicKeys.Count == 0)
        {
            return null;
        }

        var channels = channelsClient();
        if (channels.CachedVerifier is { } cached)
        {
            return cached;
        }

        try
        {
            return (await channels.GetVerifierAsync(cancellationToken).ConfigureAwait(false)).Verifier;
        }
        catch (Exception e) when (e is SupportApiException or SecureChannelException)
        {
            Log.NoManifest(logger, e.GetType().Name);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "A message was not sent: it contains {Count} secret(s) the policy blocks.")]
        public static partial void Blocked(ILogger logger, int count);

        [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Field {Field}: {Count} secret(s) found, action {Action}.")]
        public static partial void Screened(ILogger logger, string field, SecretAction action, int count);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The official-channel manifest is unavailable ({Failure}); links in agent messages are checked by the server only.")]
        public static partial void NoManifest(ILogger logger, string failure);
    }
}
