namespace SupportSdk;

/// <summary>
/// Where a secret was found in a text, as the server reports it with <see cref="ErrorCodes.SensitiveDataBlocked"/>.
/// Never contains the secret itself.
/// </summary>
public sealed class SensitiveFinding
{
    /// <summary>Gets the kind: <c>mnemonic</c>, <c>private_key</c>, <c>password</c>, <c>otp</c> or <c>api_secret</c>.</summary>
    /// <value>The kind.</value>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets the field the secret is in, e.g. <c>body</c>.</summary>
    /// <value>The field.</value>
    public string Field { get; init; } = string.Empty;

    /// <summary>Gets the index of the first character of the secret in the field.</summary>
    /// <value>The start.</value>
    public int Start { get; init; }

    /// <summary>Gets the length of the secret in characters.</summary>
    /// <value>The length.</value>
    public int Length { get; init; }

    /// <summary>Gets how sure the scanner is: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    /// <value>The confidence.</value>
    public string Confidence { get; init; } = string.Empty;
}
