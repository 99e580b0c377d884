using System.Globalization;

namespace SupportSdk.Security;

/// <summary>One secret found in a text: its kind, where it is and how sure the scanner is.
/// A finding never holds the secret itself, so it is safe to log and to send over the wire.</summary>
public sealed class SecretFinding : IEquatable<SecretFinding>
{
    /// <summary>Creates a finding.</summary>
    /// <param name="kind">The kind of secret.</param>
    /// <param name="start">The index of the secret's first character in the scanned text.</param>
    /// <param name="length">The number of characters of the secret; at least 1.</param>
    /// <param name="confidence">How sure the scanner is.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="length"/> is less than 1.</exception>
    public SecretFinding(SecretKind kind, int start, int length, SecretConfidence confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Kind = kind;
        Start = start;
        Length = length;
        Confidence = confidence;
    }

    /// <summary>Gets the kind of secret.</summary>
    public SecretKind Kind { get; }

    /// <summary>Gets the index (UTF-16 code units) of the secret's first character in the scanned text.</summary>
    public int Start { get; }

    /// <summary>Gets the length (UTF-16 code units) of the secret in the scanned text.</summary>
    public int Length { get; }

    /// <summary>Gets the index just after the secret's last character (<see cref="Start"/> + <see cref="Length"/>).</summary>
    public int End => Start + Length;

    /// <summary>Gets how sure the scanner is that this is a real secret.</summary>
    public SecretConfidence Confidence { get; }

    /// <summary>Describes the finding without its text, e.g. <c>mnemonic@12+71 (high)</c>.</summary>
    /// <returns>The kind's wire name, the span and the confidence.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind.ToWireName()}@{Start}+{Length} ({Confidence.ToWireName()})");

    /// <inheritdoc />
    public bool Equals(SecretFinding? other) =>
        other is not null && Kind == other.Kind && Start == other.Start && Length == other.Length && Confidence == other.Confidence;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SecretFinding);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Start, Length, Confidence);
}
