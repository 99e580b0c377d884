using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Identity;

internal static class UserTokenEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/user-tokens", IssueAsync).Idempotent().Allow(PrincipalKinds.ApiKey).WithTags("Identity")
            .Accepts<UserTokenRequest>("application/json").Produces<UserToken>(201).WithName("CreateUserToken");

    private static async Task<IResult> IssueAsync(HttpContext http, UserTokenSigner signer, IOptions<SupportServerOptions> options)
    {
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.UserTokenRequest).ConfigureAwait(false);
        new Validation()
            .Text("userId", request.UserId, 1, 128)
            .Line("userId", request.UserId)
            .Text("displayName", request.DisplayName, 1, 100)
            .Line("displayName", request.DisplayName)
            .Line("email", request.Email)
            .Check(request.Email is null || (request.Email.Length <= 254 && request.Email.IndexOf('@', StringComparison.Ordinal) > 0), "email", "Not an e-mail address.")
            .Check(request.Tier is null || SlaPolicyOptions.IsTierCode(request.Tier), "tier", "1–32 lower-case letters, digits, '-' or '_', e.g. vip.")
            .Check(request.AntiPhishingCode is null || SupportSdk.Server.Security.AntiPhishing.IsCode(request.AntiPhishingCode), "antiPhishingCode",
                "4–20 letters, digits, '-' or '_'.")
            .ThrowIfInvalid();
        var locale = Locales.Require(request.Locale, options.Value.DefaultLocale, "locale");
        var tokens = await signer.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var lifetime = options.Value.UserTokenLifetime;
        var token = tokens.Issue(new UserTokenRequest { UserId = request.UserId!, DisplayName = request.DisplayName.Trim(), Email = request.Email, Locale = locale, Tier = request.Tier, AntiPhishingCode = request.AntiPhishingCode },
            locale, lifetime < TimeSpan.FromMinutes(1) || lifetime > TimeSpan.FromHours(24) ? TimeSpan.FromHours(1) : lifetime);
        http.Response.Headers.CacheControl = "no-store";

        // A token is a credential: never kept for a replay. Minting again is harmless (tokens are stateless), so a
        // retry with the same key mints a fresh one.
        Idempotency.ClaimOf(http)?.Forget();
        return TypedResults.Json(token, WireJson.Support.UserToken, statusCode: 201);
    }
}
