using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk.Server.Identity;

/// <summary>
/// Issues and validates user tokens: <c>sut1.{base64url(claims)}.{base64url(HMAC-SHA256)}</c>. Short-lived, signed
/// with a key every node shares; a user token can never mint another token (only API keys reach that endpoint).
/// </summary>
internal sealed class UserTokens(byte[] signingKey, TimeProvider time)
{
    private const string Prefix = "sut1.";

    public UserToken Issue(UserTokenRequest request, string locale, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new UserTokenClaims(request.UserId, request.DisplayName, request.Email, locale,
            now.ToUnixTimeSeconds(), expires.ToUnixTimeSeconds(), request.Tier, request.AntiPhishingCode);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, ServerJsonContext.Default.UserTokenClaims));
        var token = Prefix + payload + "." + Sign(payload);
        return new UserToken { Token = token, ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()) };
    }

    public static bool LooksLikeUserToken(string credential) => credential.StartsWith(Prefix, StringComparison.Ordinal);

    public SupportPrincipal? Validate(string token)
    {
        var rest = token.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || token.Length > 4096)
        {
            return null;
        }

        var payload = rest[..dot].ToString();
        var signature = rest[(dot + 1)..];
        var expected = Sign(payload);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToString())))
        {
            return null;
        }

        UserTokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(payload), ServerJsonContext.Default.UserTokenClaims);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }

        // A token must name its user: one whose claims are missing or null is refused like a forged one, never
        // turned into a principal without an id (which would scope lists to nobody, or to everybody).
        if (claims is null || string.IsNullOrWhiteSpace(claims.Sub) || string.IsNullOrWhiteSpace(claims.Name) || claims.Exp <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }

        return new SupportPrincipal(PrincipalKinds.User, claims.Sub, claims.Name, claims.Email, claims.Loc) { Tier = claims.Tier, AntiPhishingCode = SupportSdk.Server.Security.AntiPhishing.IsCode(claims.Apc) ? claims.Apc : null };
    }

    private string Sign(string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(Prefix + payload)));
}

/// <summary>The claims inside a user token.</summary>
internal sealed record UserTokenClaims(
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("loc")] string Loc,
    [property: JsonPropertyName("iat")] long Iat,
    [property: JsonPropertyName("exp")] long Exp,
    [property: JsonPropertyName("tier")] string? Tier = null,
    [property: JsonPropertyName("apc")] string? Apc = null);
