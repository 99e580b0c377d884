namespace SupportSdk.Server.Storage;

/// <summary>Idempotency keys (scoped to a caller) and the responses kept for replay.</summary>
internal interface IIdempotencyStore
{
    Task<IdempotencyStart> BeginIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    /// <summary>What <see cref="BeginIdempotentRequestAsync"/> would answer, without claiming the key (a read).</summary>
    Task<IdempotencyStart> PeekIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    Task CompleteIdempotentRequestAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    Task ReleaseIdempotentRequestAsync(string scope, string key, CancellationToken cancellationToken);

    Task<int> PurgeIdempotencyAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);
}

/// <summary>A response kept for idempotent replay.</summary>
internal sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

internal enum IdempotencyOutcome
{
    Started,
    InFlight,
    Mismatch,
    Completed,
}

internal sealed record IdempotencyStart(IdempotencyOutcome Outcome, StoredResponse? Response = null)
{
    public static readonly IdempotencyStart Free = new(IdempotencyOutcome.Started);
}

/// <summary>An idempotent request's key and its successful response, to be recorded with the work's own write.</summary>
internal sealed record IdempotentCompletion(IdempotencyRequest Request, StoredResponse Response);

/// <summary>
/// Claims an idempotency key: <paramref name="InFlightExpiredBefore"/> lets a new attempt take over a claim whose
/// holder died; records created before <paramref name="RetainedAfter"/> count as absent.
/// </summary>
internal sealed record IdempotencyRequest(string Scope, string Key, string RequestHash, DateTimeOffset Now,
    DateTimeOffset InFlightExpiredBefore, DateTimeOffset RetainedAfter);
