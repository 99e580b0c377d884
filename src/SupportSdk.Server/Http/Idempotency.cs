using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Http;

/// <summary>
/// <c>Idempotency-Key</c> for every POST (Stripe's rules): the first request with a key runs and its successful
/// response is kept for the retention period; a retry with the same key and the same request gets that response
/// replayed; the same key with another request answers 422; a retry while the first is still running answers 409.
/// Keys are scoped to the caller, so two users can never collide.
/// </summary>
internal sealed class Idempotency(IIdempotencyStore store, IOptions<SupportServerOptions> options, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan InFlightTakeover = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The request's key, scoped to the caller and with a hash of the request itself; null when it has none. 400
    /// <c>invalid_idempotency_key</c> for a malformed one. Only a hash of the key is kept: a key is the client's text,
    /// and a careless client may have put anything in it.
    /// </summary>
    public async Task<IdempotencyRequest?> ReadAsync(HttpContext http, SupportPrincipal principal)
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 255 || values.Count != 1 || key.Any(char.IsControl))
        {
            throw new ApiError(400, ErrorCodes.InvalidIdempotencyKey, "The Idempotency-Key header is not valid.", "Send one key of 1–255 printable characters.");
        }

        var hash = await HashRequestAsync(http.Request).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return new IdempotencyRequest(principal.Scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), hash, now,
            now - InFlightTakeover, now - options.Value.IdempotencyRetention);
    }

    /// <summary>
    /// Runs a write once per key: claims the key, runs <paramref name="next"/>, keeps its response when it succeeded
    /// (released otherwise, so a corrected retry can run); a request whose key is taken is answered from the record.
    /// </summary>
    public async ValueTask<object?> RunAsync(HttpContext http, Func<ValueTask<object?>> next)
    {
        if (await ReadAsync(http, http.Principal()).ConfigureAwait(false) is not { } request)
        {
            return await next().ConfigureAwait(false);
        }

        var key = request.Key;
        var principal = http.Principal();
        var start = await store.BeginIdempotentRequestAsync(request, CancellationToken.None).ConfigureAwait(false);
        if (start.Outcome != IdempotencyOutcome.Started)
        {
            return Answer(start);
        }

        var claim = new IdempotencyClaim(request);
        http.Features.Set(claim);
        StoredResponse? response = null;
        try
        {
            object? result;
            try
            {
                result = await next().ConfigureAwait(false);
            }
            catch (IdempotencyClaimLostException)
            {
                // Another attempt holds the key now (this one outlived the takeover time): its work was rolled back,
                // and the key is the other attempt's to answer for. Nothing here may release it.
                claim.Lost = true;
                throw new ApiError(409, ErrorCodes.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still in progress.",
                    "Retry after the time in Retry-After.") { RetryAfter = TimeSpan.FromSeconds(1) };
            }

            if (claim.Recorded is { } recorded)
            {
                response = recorded;
            }
            else if (result is not IResult executable)
            {
                return result;
            }
            else
            {
                response = await CaptureAsync(http, executable).ConfigureAwait(false);
            }
        }
        finally
        {
            // Once the work has run, its outcome is recorded even if the caller hung up meanwhile: that is the
            // case a retry must be answered from the record, not by doing the work twice. Work that completed the
            // key in its own transaction needs nothing more; a failed one leaves the key in flight, released here
            // (a release never touches a completed key).
            if (claim.Lost)
            {
                // The key is another attempt's now: neither released nor completed from here.
            }
            else if (response is not { Status: >= 200 and < 300 } || claim.Forgotten)
            {
                await store.ReleaseIdempotentRequestAsync(principal.Scope, key, CancellationToken.None).ConfigureAwait(false);
            }
            else if (claim.Recorded is null)
            {
                await store.CompleteIdempotentRequestAsync(principal.Scope, key, response, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (claim.Recorded is not null)
        {
            await RespondAsync(http, response).ConfigureAwait(false);
        }
        else
        {
            await WriteBodyAsync(http, response).ConfigureAwait(false);
        }

        return Results.Empty;
    }

    /// <summary>A JSON response to record (as <c>TypedResults.Json</c> would write it).</summary>
    public static StoredResponse Json<T>(int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string? location = null) =>
        new(status, "application/json; charset=utf-8", location, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, type));

    /// <summary>The key the running write holds, to complete in the work's own store transaction; null without one.</summary>
    public static IdempotencyClaim? ClaimOf(HttpContext http) => http.Features.Get<IdempotencyClaim>();

    /// <summary>
    /// The answer to a request whose key already has a record: the stored response replayed, or 409 while that
    /// request is still in flight, or 422 when the record belongs to another request.
    /// </summary>
    public static IResult Answer(IdempotencyStart start) => start.Outcome switch
    {
        IdempotencyOutcome.Mismatch => throw new ApiError(422, ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request.",
            "Use a new key for a new request."),
        IdempotencyOutcome.InFlight => throw new ApiError(409, ErrorCodes.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still in progress.",
            "Retry after the time in Retry-After.") { RetryAfter = TimeSpan.FromSeconds(1) },
        IdempotencyOutcome.Completed => new Recorded(start.Response!, replayed: true),
        _ => throw new InvalidOperationException("The request was not answered from the record."),
    };

    private static async Task<StoredResponse> CaptureAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        var aborted = http.RequestAborted;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;

        // The work has run, so its whole answer is recorded even if the caller hung up meanwhile: results write with
        // RequestAborted, and ASP.NET Core's JSON writer stops without a word when it fires — which recorded a 201
        // without a body, replayed to every retry of the key.
        http.RequestAborted = CancellationToken.None;
        try
        {
            await result.ExecuteAsync(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = original;
            http.RequestAborted = aborted;
        }

        var location = http.Response.Headers.Location.ToString();
        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, location.Length == 0 ? null : location, buffer.ToArray());
    }

    private static Task ReplayAsync(HttpContext http, StoredResponse response)
    {
        http.Response.Headers[ReplayedHeader] = "true";
        return RespondAsync(http, response);
    }

    private static async Task RespondAsync(HttpContext http, StoredResponse response)
    {
        http.Response.StatusCode = response.Status;
        if (response.ContentType is not null)
        {
            http.Response.ContentType = response.ContentType;
        }

        if (response.Location is not null)
        {
            http.Response.Headers.Location = response.Location;
        }

        await WriteBodyAsync(http, response).ConfigureAwait(false);
    }

    /// <summary>The result for a response just recorded by the endpoint: written as recorded (the replay's twin).</summary>
    public static IResult Respond(StoredResponse response) => new Recorded(response, replayed: false);

    private sealed class Recorded(StoredResponse response, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => replayed ? ReplayAsync(httpContext, response) : RespondAsync(httpContext, response);
    }

    /// <summary>Writes the recorded body; a 204 (or any empty body) writes nothing — Kestrel refuses a body on 204.</summary>
    private static Task WriteBodyAsync(HttpContext http, StoredResponse response) =>
        response.Body.Length == 0 ? Task.CompletedTask : http.Response.Body.WriteAsync(response.Body, http.RequestAborted).AsTask();

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n{request.ContentType}\n"));
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                hasher.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hasher.GetHashAndReset());
    }
}

/// <summary>
/// <c>.Idempotent()</c> on a write endpoint: its <c>Idempotency-Key</c> scope around the handler (a write that creates
/// something completes the claimed key in its own transaction, <see cref="IdempotencyClaim"/>). Ticket creation
/// checks and records the key in its single store write instead, and says so with <see cref="RecordsIdempotencyItself"/>;
/// a test holds every POST endpoint to one or the other.
/// </summary>
internal static class IdempotencyConventions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<Idempotency>().RunAsync(context.HttpContext, () => next(context)))
            .WithMetadata(IdempotentWrite.Instance);
}

/// <summary>
/// The Idempotency-Key a write holds while it runs (<see cref="Idempotency.RunAsync"/>). A write that creates
/// something completes the key in the same store transaction as its work (<see cref="Complete"/>), so that a crash
/// between the two cannot leave the work done with its key still in flight — a retry after the takeover time would
/// do it again. Writes that are harmless to repeat leave the record to the scope.
/// </summary>
internal sealed class IdempotencyClaim(IdempotencyRequest request)
{
    /// <summary>The response the work recorded with its write; the scope answers with it.</summary>
    public StoredResponse? Recorded { get; private set; }

    /// <summary>Whether another attempt took the key over while this one ran.</summary>
    public bool Lost { get; set; }

    /// <summary>Whether the response must not be kept (it holds a credential) and the key is let go instead: for
    /// work that is harmless to do again.</summary>
    public bool Forgotten { get; private set; }

    /// <summary>Keeps nothing of this response: the key is released once it is written, so a retry runs again.</summary>
    public void Forget() => Forgotten = true;

    /// <summary>The completion to pass to the work's store write. Called again on a retried write, the last wins.</summary>
    public IdempotentCompletion Complete(StoredResponse response)
    {
        Recorded = response;
        return new IdempotentCompletion(request, response);
    }
}

/// <summary>Endpoint metadata: the endpoint runs inside an Idempotency-Key scope (<see cref="IdempotencyConventions.Idempotent"/>).</summary>
internal sealed class IdempotentWrite
{
    public static readonly IdempotentWrite Instance = new();
}

/// <summary>Endpoint metadata: the endpoint records its outcome for the Idempotency-Key in the same store transaction as
/// its work (the key looked up first, then the store write with an <see cref="IdempotentCompletion"/>).</summary>
internal sealed class RecordsIdempotencyItself
{
    public static readonly RecordsIdempotencyItself Instance = new();
}
