using System.Diagnostics.CodeAnalysis;

namespace SupportSdk.Security;

/// <summary>Converts <see cref="SecretKind"/>, <see cref="SecretConfidence"/> and <see cref="SecretAction"/> to and
/// from their snake_case wire names (as used in the Support API v1 JSON).</summary>
public static class SecretWireNames
{
    /// <summary>Returns the wire name of a secret kind: <c>mnemonic</c>, <c>private_key</c>, <c>password</c>, <c>otp</c> or <c>api_secret</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string ToWireName(this SecretKind kind) => kind switch
    {
        SecretKind.Mnemonic => "mnemonic",
        SecretKind.PrivateKey => "private_key",
        SecretKind.Password => "password",
        SecretKind.Otp => "otp",
        SecretKind.ApiSecret => "api_secret",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown secret kind."),
    };

    /// <summary>Returns the wire name of a confidence: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    /// <param name="confidence">The confidence.</param>
    /// <returns>The wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not a defined value.</exception>
    public static string ToWireName(this SecretConfidence confidence) => confidence switch
    {
        SecretConfidence.Low => "low",
        SecretConfidence.Medium => "medium",
        SecretConfidence.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Unknown confidence."),
    };

    /// <summary>Returns the wire name of an action: <c>allow</c>, <c>warn</c>, <c>redact</c> or <c>block</c>.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not a defined value.</exception>
    public static string ToWireName(this SecretAction action) => action switch
    {
        SecretAction.Allow => "allow",
        SecretAction.Warn => "warn",
        SecretAction.Redact => "redact",
        SecretAction.Block => "block",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };

    /// <summary>Parses a secret kind wire name (exact, lower case).</summary>
    /// <param name="value">The wire name, e.g. <c>private_key</c>.</param>
    /// <param name="kind">The parsed kind when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known wire name.</returns>
    public static bool TryParseKind([NotNullWhen(true)] string? value, out SecretKind kind)
    {
        (var ok, kind) = value switch
        {
            "mnemonic" => (true, SecretKind.Mnemonic),
            "private_key" => (true, SecretKind.PrivateKey),
            "password" => (true, SecretKind.Password),
            "otp" => (true, SecretKind.Otp),
            "api_secret" => (true, SecretKind.ApiSecret),
            _ => (false, default(SecretKind)),
        };
        return ok;
    }

    /// <summary>Parses a secret kind wire name (exact, lower case).</summary>
    /// <param name="value">The wire name, e.g. <c>private_key</c>.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="FormatException"><paramref name="value"/> is not a known wire name.</exception>
    public static SecretKind ParseKind(string value) =>
        TryParseKind(value, out var kind) ? kind : throw new FormatException($"Unknown secret kind '{value}'.");

    /// <summary>Parses a confidence wire name (exact, lower case).</summary>
    /// <param name="value">The wire name, e.g. <c>high</c>.</param>
    /// <param name="confidence">The parsed confidence when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known wire name.</returns>
    public static bool TryParseConfidence([NotNullWhen(true)] string? value, out SecretConfidence confidence)
    {
        (var ok, confidence) = value switch
        {
            "low" => (true, SecretConfidence.Low),
            "medium" => (true, SecretConfidence.Medium),
            "high" => (true, SecretConfidence.High),
            _ => (false, default(SecretConfidence)),
        };
        return ok;
    }

    /// <summary>Parses an action wire name (exact, lower case).</summary>
    /// <param name="value">The wire name, e.g. <c>block</c>.</param>
    /// <param name="action">The parsed action when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known wire name.</returns>
    public static bool TryParseAction([NotNullWhen(true)] string? value, out SecretAction action)
    {
        (var ok, action) = value switch
        {
            "allow" => (true, SecretAction.Allow),
            "warn" => (true, SecretAction.Warn),
            "redact" => (true, SecretAction.Redact),
            "block" => (true, SecretAction.Block),
            _ => (false, default(SecretAction)),
        };
        return ok;
    }
}
