using SupportSdk;
using SupportSdk.Security;

namespace ExchangeCli.Tickets;

/// <summary>
/// Flags messages from support that ask for a secret again on this machine (not only when the server did), so a
/// compromised or outdated server cannot hide a scam message. The server's flags are kept; this only adds.
/// </summary>
internal static class DeviceFlags
{
    public static TicketMessage Apply(TicketMessage message)
    {
        if (message.From.Role == AuthorRole.Customer || message.Flags.Contains(MessageFlags.AsksForSecret)
            || !SecretRequestDetector.AsksForSecret(message.Body))
        {
            return message;
        }

        return new TicketMessage
        {
            Id = message.Id,
            Seq = message.Seq,
            From = message.From,
            Body = message.Body,
            Attachments = message.Attachments,
            Flags = [.. message.Flags, MessageFlags.AsksForSecret],
            CreatedAt = message.CreatedAt,
        };
    }
}
