namespace SupportSdk.Security;

/// <summary>What to do with a message that contains a secret, ordered by severity (<see cref="Allow"/> is the mildest).</summary>
/// <remarks>Wire names: <c>allow</c>, <c>warn</c>, <c>redact</c>, <c>block</c>.</remarks>
public enum SecretAction
{
    /// <summary>Send the message unchanged.</summary>
    Allow,

    /// <summary>Send the message unchanged, but warn the user first.</summary>
    Warn,

    /// <summary>Replace each secret with <see cref="SecretPolicy.RedactionMarker"/> before the message leaves the device or is stored.</summary>
    Redact,

    /// <summary>Refuse to send or store the message.</summary>
    Block,
}
