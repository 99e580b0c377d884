namespace SupportSdk;

/// <summary>
/// A message was not sent because it contains a secret the <see cref="SupportClientOptions.SecretPolicy"/> blocks —
/// a seed phrase, private key or API secret by default. Raised on the device before anything leaves it
/// (<see cref="BlockedOnDevice"/>), or when the server's own check refused it (422 <c>sensitive_data_blocked</c>).
/// <see cref="Findings"/> says where the secrets are; nothing in this exception contains them.
/// </summary>
public class SensitiveDataException : SupportApiException
{
    /// <summary>Initializes a new instance.</summary>
    public SensitiveDataException()
        : this("The message contains a secret and was not sent.", [], blockedOnDevice: true)
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    public SensitiveDataException(string message)
        : this(message, [], blockedOnDevice: true)
    {
    }

    /// <summary>Initializes a new instance with a message and cause.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    /// <param name="innerException">The cause.</param>
    public SensitiveDataException(string message, Exception? innerException)
        : base(message, 422, ErrorCodes.SensitiveDataBlocked, null, innerException)
    {
        Findings = [];
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    /// <param name="findings">Where the secrets are.</param>
    /// <param name="blockedOnDevice"><see langword="true"/> when the SDK refused to send; <see langword="false"/> when the server refused.</param>
    /// <param name="requestId">The server's request id, when the server refused.</param>
    public SensitiveDataException(string message, IReadOnlyList<SensitiveFinding> findings, bool blockedOnDevice, string? requestId = null)
        : base(message, 422, ErrorCodes.SensitiveDataBlocked, requestId)
    {
        ArgumentNullException.ThrowIfNull(findings);
        Findings = findings;
        BlockedOnDevice = blockedOnDevice;
    }

    /// <summary>Gets where the secrets are: kind, field, span and confidence — never the secrets.</summary>
    /// <value>The findings.</value>
    public IReadOnlyList<SensitiveFinding> Findings { get; }

    /// <summary>Gets a value indicating whether the SDK refused to send (nothing left the device).</summary>
    /// <value><see langword="true"/> when blocked on the device; <see langword="false"/> when the server refused.</value>
    public bool BlockedOnDevice { get; }
}
