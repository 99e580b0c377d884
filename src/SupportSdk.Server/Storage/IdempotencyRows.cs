namespace SupportSdk.Server.Storage;

/// <summary>The idempotency table's completion, written with the same SQL by both engines (through
/// <see cref="WebhookRows.Sql"/>, on the caller's transaction).</summary>
internal static class IdempotencyRows
{
    /// <summary>
    /// Marks a claimed key completed with its response. Called in the transaction of the work the key guards, a
    /// crash can leave the work and its record only together: never the work done with its key still in flight (a
    /// retry then would do the work a second time). Nothing to do for a request without a key.
    /// </summary>
    public static async Task CompleteAsync(WebhookRows.Sql sql, string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var update = sql(
            "UPDATE idempotency SET completed = TRUE, status = @status, content_type = @type, location = @location, body = @body WHERE scope = @scope AND key = @key;",
            ("status", response.Status), ("type", response.ContentType), ("location", response.Location), ("body", response.Body), ("scope", scope), ("key", key));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes the key this request claimed, in the transaction of the work it guards — only while the claim is
    /// still this request's (in flight, with the time it was claimed at): a claim another attempt took over after
    /// the takeover time, or released, is not overwritten, and the work is rolled back
    /// (<see cref="IdempotencyClaimLostException"/>). Nothing to do for a request without a key.
    /// </summary>
    public static async Task CompleteAsync(WebhookRows.Sql sql, IdempotentCompletion? completion, CancellationToken cancellationToken)
    {
        if (completion is null)
        {
            return;
        }

        var (request, response) = completion;
        await using var update = sql(
            "UPDATE idempotency SET completed = TRUE, status = @status, content_type = @type, location = @location, body = @body WHERE scope = @scope AND key = @key AND NOT completed AND created_at = @claimedAt;",
            ("status", response.Status), ("type", response.ContentType), ("location", response.Location), ("body", response.Body), ("scope", request.Scope), ("key", request.Key),
            ("claimedAt", request.Now.ToUnixTimeMilliseconds()));
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new IdempotencyClaimLostException();
        }
    }
}

/// <summary>The request's claim on its Idempotency-Key was taken over (it ran past the takeover time) or released:
/// its work is rolled back and the request answered 409, the key's current holder answers for it.</summary>
internal sealed class IdempotencyClaimLostException : Exception
{
    public IdempotencyClaimLostException()
        : base("The Idempotency-Key claim was taken over.")
    {
    }
}
