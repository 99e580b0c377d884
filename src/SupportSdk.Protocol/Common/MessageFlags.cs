namespace SupportSdk;

/// <summary>The flags a message can carry to warn its reader (see <see cref="TicketMessage.Flags"/>).</summary>
public static class MessageFlags
{
    /// <summary>The message asks for a seed phrase, private key, password, 2FA code or remote access.</summary>
    public const string AsksForSecret = "asks_for_secret";

    /// <summary>The message links to a host that is not one of the exchange's official domains.</summary>
    public const string UnofficialLink = "unofficial_link";
}
