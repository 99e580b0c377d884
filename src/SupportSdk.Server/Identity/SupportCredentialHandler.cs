using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Identity;

/// <summary>Which kind of caller a scheme authenticates.</summary>
internal sealed class SupportCredentialOptions : AuthenticationSchemeOptions
{
    public PrincipalKinds Kind { get; set; }
}

/// <summary>
/// One Support API authentication scheme: succeeds for a valid credential of its own kind, stays silent (no result)
/// for none or for another kind's, fails for an invalid one. Its challenge and forbid answer problem+json like every
/// other Support API error: 401 <c>unauthorized</c>, 403 <c>forbidden</c> when a valid credential of another kind was
/// sent, 429 <c>too_many_failed_authentications</c> while the client address is throttled.
/// </summary>
internal sealed class SupportCredentialHandler(IOptionsMonitor<SupportCredentialOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerResolution callers)
    : AuthenticationHandler<SupportCredentialOptions>(options, logger, encoder)
{
    private static readonly object Answered = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var caller = await callers.ResolveAsync(Context).ConfigureAwait(false);
        if (!caller.Presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (caller.Principal is not { } principal)
        {
            return AuthenticateResult.Fail(caller.ThrottledFor is null ? "The credential is malformed, unknown or expired." : "Too many failed authentications.");
        }

        if (principal.Kind != Options.Kind)
        {
            return AuthenticateResult.NoResult();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.Id),
            new(ClaimTypes.Name, principal.Name),
            new(ClaimTypes.Role, principal.Kind.ToString()),
        };
        if (principal.Email is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        if (principal.Locale is { } locale)
        {
            claims.Add(new Claim(ClaimTypes.Locality, locale));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!FirstAnswer())
        {
            return Task.CompletedTask;
        }

        var caller = CallerResolution.Resolved(Context);
        var error = caller switch
        {
            { ThrottledFor: { } wait } => AuthFailureThrottle.Refusal(wait),
            { StoreUnavailable: true } => SupportEndpointFilter.Unavailable(),
            { Principal: not null } => Forbidden(),
            _ => new ApiError(401, ErrorCodes.Unauthorized, "A valid credential is required.",
                caller?.Presented == true ? "The credential is malformed, unknown or expired." : "Send 'Authorization: Bearer <token>'."),
        };
        return Problems.WriteAsync(Context, error);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        FirstAnswer() ? Problems.WriteAsync(Context, Forbidden()) : Task.CompletedTask;

    /// <summary>A policy with several schemes challenges each of them: only the first writes the answer.</summary>
    private bool FirstAnswer()
    {
        if (Context.Response.HasStarted || Context.Items.ContainsKey(Answered))
        {
            return false;
        }

        Context.Items[Answered] = true;
        RequestIds.Assign(Context);
        return true;
    }

    private static ApiError Forbidden() =>
        new(403, ErrorCodes.Forbidden, "This credential cannot use this endpoint.", "Use the kind of credential this endpoint is for: a user token, an agent key or an API key.");
}
