using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;

namespace SupportSdk.Server.Account;

/// <summary>
/// <c>POST /v1/account/lock</c>: the customer locks their account from support (<see cref="AccountLocks"/>).
/// </summary>
internal static class AccountEndpoints
{
    public const int MaxReason = 2_000;

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/account/lock", LockAsync).Idempotent().Allow(PrincipalKinds.User).WithTags("Account")
            .AcceptsOptionalJson<LockAccountRequest>().Produces<AccountLockResult>(201).Produces<AccountLockResult>().WithName("LockAccount");

    private static async Task<IResult> LockAsync(HttpContext http, AccountLocks locks)
    {
        var request = http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
            ? new LockAccountRequest()
            : await JsonBody.ReadAsync(http, SupportJsonContext.Default.LockAccountRequest).ConfigureAwait(false);
        new Validation().Check(request.Reason is null || request.Reason.Length <= MaxReason, "reason", $"At most {MaxReason:N0} characters.").ThrowIfInvalid();
        var (result, created) = await locks.LockAsync(http.Principal(), request.Reason, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(result, WireJson.Support.AccountLockResult, statusCode: created ? 201 : 200);
    }
}
