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

    /// <inheritdoc cref="CompleteAsync(WebhookRows.Sql, string, string, StoredResponse, CancellationToken)"/>
    public static Task CompleteAsync(WebhookRows.Sql sql, IdempotentCompletion? completion, CancellationToken cancellationToken) =>
        completion is null ? Task.CompletedTask : CompleteAsync(sql, completion.Request.Scope, completion.Request.Key, completion.Response, cancellationToken);
}
