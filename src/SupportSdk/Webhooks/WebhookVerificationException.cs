namespace SupportSdk;

/// <summary>Why a webhook request was refused by <see cref="SupportWebhooks"/>.</summary>
public enum WebhookVerificationFailure
{
    /// <summary>Not otherwise specified.</summary>
    Unknown = 0,

    /// <summary>A <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> header is missing or empty.</summary>
    MissingHeader,

    /// <summary>A header is sent twice, or the timestamp is not a whole number of Unix seconds.</summary>
    InvalidHeader,

    /// <summary>No signature in <c>webhook-signature</c> was made with one of the secrets over this id, timestamp and body.</summary>
    SignatureMismatch,

    /// <summary>The signature is right but the timestamp is further from now than the tolerance, in the past (a replay, or
    /// a receiver's clock behind) or in the future (a sender's clock ahead).</summary>
    TimestampOutOfTolerance,

    /// <summary>The signed body is not an event: not JSON, no id or type, an id other than <c>webhook-id</c>, or data that
    /// does not have its type's shape.</summary>
    MalformedPayload,
}

/// <summary>
/// A webhook request is not a genuine, fresh event from the Support API: answer it 4xx (the receiver in
/// <c>SupportSdk.AspNetCore</c> answers 401) and do not act on it. The message says what failed and never contains a
/// secret, a signature or the body.
/// </summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public WebhookVerificationException()
        : this("The webhook request could not be verified.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    public WebhookVerificationException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookVerificationException(string message, Exception? innerException)
        : this(WebhookVerificationFailure.Unknown, message, innerException)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="failure">What failed.</param>
    /// <param name="message">A description naming what failed, without secrets or the body.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookVerificationException(WebhookVerificationFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Gets what failed.</summary>
    /// <value>The failure kind.</value>
    public WebhookVerificationFailure Failure { get; }
}
