using SupportSdk.Core;

namespace SupportSdk;

/// <summary>For exchange backends holding the API key: mints user tokens for signed-in users.</summary>
public class IdentityClient
{
    private readonly SupportPipeline? _pipeline;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected IdentityClient()
    {
    }

    internal IdentityClient(SupportPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Mints a short-lived user token. Hand it to the user's app; never log it.</summary>
    /// <param name="request">Who the user is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token and its expiry.</returns>
    /// <exception cref="SupportApiException">403 <c>forbidden</c> unless the credential is an API key.</exception>
    public virtual Task<UserToken> CreateUserTokenAsync(UserTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");
        return pipeline.SendAsync("Identity.CreateUserToken", HttpMethod.Post, "v1/user-tokens",
            SupportPipeline.Json(request, SupportJsonContext.Default.UserTokenRequest), SupportJsonContext.Default.UserToken, null, cancellationToken);
    }
}
