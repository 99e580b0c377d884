using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SupportSdk;

/// <summary>
/// Typed reads of a <see cref="WebhookEvent"/>'s data: each answers <see langword="false"/> for event types that do
/// not carry that data, so a handler reads the events it knows and ignores the rest (including types added to the API
/// later).
/// </summary>
public static class WebhookEventExtensions
{
    /// <summary>Reads the ticket a <c>ticket.*</c> event is about, as it was right after the change (for
    /// <see cref="WebhookEventTypes.TicketMessageAdded"/>, the ticket beside the message).</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="ticket">The ticket, when the event carries one.</param>
    /// <returns><see langword="true"/> for the ticket events of <see cref="WebhookEventTypes"/>.</returns>
    /// <exception cref="JsonException">The data does not have its type's shape (never for an event from <see cref="SupportWebhooks.ParseEvent(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, string}}, IEnumerable{string}, TimeSpan?, TimeProvider?)"/>).</exception>
    public static bool TryGetTicket(this WebhookEvent webhookEvent, [NotNullWhen(true)] out Ticket? ticket)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ticket = webhookEvent.Type switch
        {
            WebhookEventTypes.TicketMessageAdded => DataAs(webhookEvent, SupportJsonContext.Default.TicketMessageEventData).Ticket,
            _ when CarriesTicket(webhookEvent.Type) => DataAs(webhookEvent, SupportJsonContext.Default.Ticket),
            _ => null,
        };
        return ticket is not null;
    }

    /// <summary>Reads the message of a <see cref="WebhookEventTypes.TicketMessageAdded"/> event (its text as stored:
    /// screened, never a secret); <see cref="TicketMessage.From"/> tells a customer's message from an agent's.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="message">The message, for that event type.</param>
    /// <returns><see langword="true"/> for <see cref="WebhookEventTypes.TicketMessageAdded"/>.</returns>
    /// <exception cref="JsonException">The data does not have its type's shape (never for an event from <see cref="SupportWebhooks"/>).</exception>
    public static bool TryGetMessage(this WebhookEvent webhookEvent, [NotNullWhen(true)] out TicketMessage? message)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        message = webhookEvent.Type == WebhookEventTypes.TicketMessageAdded
            ? DataAs(webhookEvent, SupportJsonContext.Default.TicketMessageEventData).Message
            : null;
        return message is not null;
    }

    /// <summary>Reads a <see cref="WebhookEventTypes.SecretBlocked"/> event: what kinds of secret a user tried to send
    /// and where — never the content. A signal that the user may be talking to a scammer.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="secretBlocked">The data, for that event type.</param>
    /// <returns><see langword="true"/> for <see cref="WebhookEventTypes.SecretBlocked"/>.</returns>
    /// <exception cref="JsonException">The data does not have its type's shape (never for an event from <see cref="SupportWebhooks"/>).</exception>
    public static bool TryGetSecretBlocked(this WebhookEvent webhookEvent, [NotNullWhen(true)] out SecretBlockedEventData? secretBlocked)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        secretBlocked = webhookEvent.Type == WebhookEventTypes.SecretBlocked
            ? DataAs(webhookEvent, SupportJsonContext.Default.SecretBlockedEventData)
            : null;
        return secretBlocked is not null;
    }

    /// <summary>Reads a <see cref="WebhookEventTypes.AccountLockRequested"/> event: lock this user's account now (support
    /// cannot unlock; that stays the exchange's own identity flow).</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="lockRequested">The data, for that event type.</param>
    /// <returns><see langword="true"/> for <see cref="WebhookEventTypes.AccountLockRequested"/>.</returns>
    /// <exception cref="JsonException">The data does not have its type's shape (never for an event from <see cref="SupportWebhooks"/>).</exception>
    public static bool TryGetAccountLockRequested(this WebhookEvent webhookEvent, [NotNullWhen(true)] out AccountLockRequestedEventData? lockRequested)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        lockRequested = webhookEvent.Type == WebhookEventTypes.AccountLockRequested
            ? DataAs(webhookEvent, SupportJsonContext.Default.AccountLockRequestedEventData)
            : null;
        return lockRequested is not null;
    }

    /// <summary>Reads a verified body as an event: the envelope, its id against the signed <c>webhook-id</c>, and the
    /// data of the types this SDK knows, so that the accessors above never fail on what it returns.</summary>
    internal static WebhookEvent Read(ReadOnlySpan<byte> body, string id)
    {
        try
        {
            var read = JsonSerializer.Deserialize(body, SupportJsonContext.Default.WebhookEvent);
            if (read is null || string.IsNullOrEmpty(read.Id) || string.IsNullOrEmpty(read.Type))
            {
                throw Malformed("The webhook body is not an event with an id and a type.");
            }

            if (!string.Equals(read.Id, id, StringComparison.Ordinal))
            {
                throw Malformed("The webhook body's event id is not its webhook-id header.");
            }

            _ = read.TryGetTicket(out _) | read.TryGetMessage(out _) | read.TryGetSecretBlocked(out _) | read.TryGetAccountLockRequested(out _);
            return read;
        }
        catch (JsonException)
        {
            // The serializer's message can quote a character of the body: not passed on.
            throw Malformed("The webhook body is not a Support API event (not JSON, or data of the wrong shape).");
        }
    }

    private static bool CarriesTicket(string type) => type is WebhookEventTypes.TicketCreated or WebhookEventTypes.TicketStatusChanged
        or WebhookEventTypes.TicketEscalated or WebhookEventTypes.TicketRated or WebhookEventTypes.TicketAssigned;

    private static T DataAs<T>(WebhookEvent webhookEvent, JsonTypeInfo<T> type)
        where T : class =>
        webhookEvent.Data.ValueKind == JsonValueKind.Object && webhookEvent.Data.Deserialize(type) is { } data
            ? data
            : throw new JsonException($"The data of a {webhookEvent.Type} event is not an object of its shape.");

    private static WebhookVerificationException Malformed(string message) => new(WebhookVerificationFailure.MalformedPayload, message);
}
