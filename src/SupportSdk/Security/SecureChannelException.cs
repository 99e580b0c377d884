namespace SupportSdk;

/// <summary>What the secure-channel check refused.</summary>
public enum SecureChannelFailure
{
    /// <summary>Not otherwise specified.</summary>
    Unknown = 0,

    /// <summary>The endpoint or request is not HTTPS (plain HTTP is allowed only to loopback, and only when enabled).</summary>
    InsecureScheme,

    /// <summary>The host is not the configured endpoint or not in the allowed hosts.</summary>
    HostNotAllowed,

    /// <summary>The URL carries user information (<c>https://official.com@evil.tld</c>).</summary>
    UserInfoInUrl,

    /// <summary>The server redirected to another host.</summary>
    RedirectToAnotherHost,

    /// <summary>The server certificate is not valid for the host or not trusted.</summary>
    CertificateInvalid,

    /// <summary>No certificate in the chain matches a configured SPKI pin.</summary>
    PinMismatch,

    /// <summary>The TLS handshake failed (for example, a protocol older than TLS 1.2 was offered).</summary>
    TlsHandshakeFailed,

    /// <summary>The official-channel manifest is not signed by a pinned key, or was altered.</summary>
    ManifestUntrusted,

    /// <summary>The official-channel manifest expired (or is not valid yet).</summary>
    ManifestExpired,
}

/// <summary>
/// The connection to the Support API is not the secure channel the options require. Never retried; the message names
/// what failed and never contains a key or token.
/// </summary>
public sealed class SecureChannelException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public SecureChannelException()
        : this("The secure-channel check failed.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    public SecureChannelException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public SecureChannelException(string message, Exception? innerException)
        : this(SecureChannelFailure.Unknown, message, innerException)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="failure">What failed.</param>
    /// <param name="message">A description naming what failed.</param>
    /// <param name="innerException">The cause.</param>
    public SecureChannelException(SecureChannelFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Gets what failed.</summary>
    /// <value>The failure kind.</value>
    public SecureChannelFailure Failure { get; }
}
