namespace SupportSdk.Security;

/// <summary>The kinds of secret that <see cref="SecretScanner"/> detects in user text.</summary>
/// <remarks>The wire names (<see cref="SecretWireNames.ToWireName(SecretKind)"/>) are <c>mnemonic</c>,
/// <c>private_key</c>, <c>password</c>, <c>otp</c> and <c>api_secret</c>.</remarks>
public enum SecretKind
{
    /// <summary>A BIP39 recovery (seed) phrase: English, Simplified or Traditional Chinese words.</summary>
    Mnemonic,

    /// <summary>A wallet private key: 64 hex digits with key context, a WIF key or an extended private key (xprv).</summary>
    PrivateKey,

    /// <summary>An account password, PIN or passphrase given with its label ("my password is ...").</summary>
    Password,

    /// <summary>A one-time code: 2FA / authenticator, SMS or e-mail verification code.</summary>
    Otp,

    /// <summary>An exchange API secret (the secret half of an API key pair).</summary>
    ApiSecret,
}
