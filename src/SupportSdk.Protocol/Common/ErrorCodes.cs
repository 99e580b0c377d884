namespace SupportSdk;

/// <summary>
/// The stable <c>code</c> values of Support API problem responses (RFC 9457). Branch on these, never on message text.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The body is not valid JSON, or a field has the wrong type.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>A field is missing or its value is not allowed; <c>errors</c> names the fields.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>A query parameter is missing or malformed.</summary>
    public const string InvalidQuery = "invalid_query";

    /// <summary>The list cursor was not issued by this server for this list.</summary>
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>No credential, or a malformed, unknown or expired one.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The credential is valid but of the wrong kind for this endpoint.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The route does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>The route exists but not with this HTTP method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The ticket does not exist or is not visible to the caller.</summary>
    public const string TicketNotFound = "ticket_not_found";

    /// <summary>The attachment does not exist or is not visible to the caller.</summary>
    public const string AttachmentNotFound = "attachment_not_found";

    /// <summary>The FAQ article does not exist in any locale.</summary>
    public const string ArticleNotFound = "article_not_found";

    /// <summary>An attachment id in the request cannot be attached (unknown, not the caller's, or already attached).</summary>
    public const string InvalidAttachment = "invalid_attachment";

    /// <summary>The request body is larger than the server accepts.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>The content type is not accepted (or the file's bytes do not match an allowed type).</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>A conditional update needs an <c>If-Match</c> header.</summary>
    public const string PreconditionRequired = "precondition_required";

    /// <summary>The <c>If-Match</c> ETag is stale: the resource changed since it was read.</summary>
    public const string PreconditionFailed = "precondition_failed";

    /// <summary>The exchange's hook could not lock the account just now (503, with <c>Retry-After</c>): try again.</summary>
    public const string AccountLockUnavailable = "account_lock_unavailable";

    /// <summary>404: this exchange registered no deposit lookup (<c>ITransactionLookup</c>); open a ticket instead.</summary>
    public const string DepositLookupNotConfigured = "deposit_lookup_not_configured";

    /// <summary>503: the exchange's deposit lookup failed or took too long; retry after Retry-After.</summary>
    public const string DepositLookupUnavailable = "deposit_lookup_unavailable";

    /// <summary>400 (HTTP) / 554 (SMTP): the mail is not readable MIME, or has no sender.</summary>
    public const string InvalidEmail = "invalid_email";

    /// <summary>A reply was written on a view of the ticket that is out of date: the problem's <c>messages</c> are what
    /// came since. Read them, then send again (without <c>seenSeq</c>, or with the new last number).</summary>
    public const string StaleView = "stale_view";

    /// <summary>The requested change is not allowed from the resource's current state.</summary>
    public const string InvalidStateTransition = "invalid_state_transition";

    /// <summary>The ticket was already rated.</summary>
    public const string AlreadyRated = "already_rated";

    /// <summary>The <c>Idempotency-Key</c> was used before with a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>A request with the same <c>Idempotency-Key</c> is still being processed.</summary>
    public const string IdempotencyKeyInFlight = "idempotency_key_in_flight";

    /// <summary>The <c>Idempotency-Key</c> header is empty or longer than 255 characters.</summary>
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";

    /// <summary>The caller sent too many requests; honour <c>Retry-After</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>Too many failed authentications from this client address; honour <c>Retry-After</c>.</summary>
    public const string TooManyFailedAuthentications = "too_many_failed_authentications";

    /// <summary>The customer opened as many tickets as the hourly quota allows; honour <c>Retry-After</c>.</summary>
    public const string TicketQuotaExceeded = "ticket_quota_exceeded";

    /// <summary>The caller's stored attachments would exceed their quota.</summary>
    public const string AttachmentQuotaExceeded = "attachment_quota_exceeded";

    /// <summary>The caller already holds as many chat connections as allowed.</summary>
    public const string TooManyConnections = "too_many_connections";

    /// <summary>A name, subject or file name holds control or bidirectional-override characters.</summary>
    public const string InvalidCharacters = "invalid_characters";

    /// <summary>The request line or headers were rejected by the HTTP server (too long, too large or malformed).</summary>
    public const string BadRequest = "bad_request";

    /// <summary>The message contains a secret (seed phrase, private key, ...) that must never be sent to support.</summary>
    public const string SensitiveDataBlocked = "sensitive_data_blocked";

    /// <summary>The chat does not exist or is not the caller's (404).</summary>
    public const string ChatNotFound = "chat_not_found";

    /// <summary>The chat is closed and takes no more messages (409).</summary>
    public const string ChatClosed = "chat_closed";

    /// <summary>The same <c>clientMessageId</c> was sent before with a different text (409).</summary>
    public const string ClientMessageIdReused = "client_message_id_reused";

    /// <summary>The server publishes no official-channel manifest.</summary>
    public const string ChannelsNotConfigured = "channels_not_configured";

    /// <summary>An unexpected server fault; safe to retry with the same <c>Idempotency-Key</c>.</summary>
    public const string InternalError = "internal_error";

    /// <summary>A webhook URL that is not absolute https (http only where private targets are allowed), or points at a
    /// private or loopback address the server does not allow.</summary>
    public const string WebhookUrlInvalid = "webhook_url_invalid";

    /// <summary>A webhook subscribes to an event type that does not exist.</summary>
    public const string WebhookEventUnknown = "webhook_event_unknown";

    /// <summary>A webhook description over 500 characters.</summary>
    public const string WebhookDescriptionTooLong = "webhook_description_too_long";

    /// <summary>The exchange already has the most webhook endpoints allowed (20).</summary>
    public const string WebhookLimitReached = "webhook_limit_reached";

    /// <summary>No webhook endpoint (or delivery of it) has this id.</summary>
    public const string WebhookNotFound = "webhook_not_found";

    /// <summary>The server's database cannot be reached for now (503 with <c>Retry-After</c>); safe to retry with the same
    /// <c>Idempotency-Key</c>.</summary>
    public const string StoreUnavailable = "store_unavailable";
}
