namespace SupportSdk.Security;

/// <summary>How sure <see cref="SecretScanner"/> is that a finding is a real secret.</summary>
/// <remarks>Wire names: <c>low</c>, <c>medium</c>, <c>high</c>.</remarks>
public enum SecretConfidence
{
    /// <summary>Looks like a secret with some doubt, e.g. a seed phrase with misspelled words.</summary>
    Low,

    /// <summary>Very likely a secret, e.g. BIP39 words whose checksum does not match (a mistyped phrase).</summary>
    Medium,

    /// <summary>Verified structure, e.g. a BIP39 checksum or a Base58Check checksum that matches.</summary>
    High,
}
