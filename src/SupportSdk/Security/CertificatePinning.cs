using System.Collections.Frozen;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SupportSdk.Core;

namespace SupportSdk.Security;

/// <summary>
/// Certificate validation for the Support API connection: normal chain and host-name validation always (optionally
/// with extra trusted roots), then SPKI SHA-256 pins on any certificate of the chain, when pins are configured.
/// </summary>
internal sealed partial class CertificatePinning(ClientSettings settings, ILogger logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SecureChannelFailure> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly FrozenSet<string> _pins = settings.PinnedPublicKeys;
    private readonly X509Certificate2[] _roots = [.. settings.TrustedRoots];
    private readonly bool _reportOnly = settings.PinReportOnly;

    public static string SpkiSha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // The sender is the SslStream of the connection being made; remember why it failed, per host, so the
        // pipeline can name the failure in the SecureChannelException it raises.
        var host = (sender as SslStream)?.TargetHostName ?? string.Empty;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Fail(host, SecureChannelFailure.CertificateInvalid);
        }

        var elements = chain?.ChainElements.Select(e => e.Certificate).ToList() ?? [];
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            if (_roots.Length == 0 || !TryBuildWithTrustedRoots(certificate, chain, out elements))
            {
                return Fail(host, SecureChannelFailure.CertificateInvalid);
            }
        }

        if (_pins.Count == 0 || elements.Any(c => _pins.Contains(SpkiSha256(c))))
        {
            return true;
        }

        if (_reportOnly)
        {
            LogPinMismatchReported(logger);
            return true;
        }

        return Fail(host, SecureChannelFailure.PinMismatch);
    }

    private bool TryBuildWithTrustedRoots(X509Certificate certificate, X509Chain? presented, out List<X509Certificate2> elements)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var ok = custom.Build(leaf);
        elements = [.. custom.ChainElements.Select(e => e.Certificate)];
        return ok;
    }

    /// <summary>Takes the reason the last TLS handshake with <paramref name="host"/> was refused, if this validator refused it.</summary>
    public bool TryTakeFailure(string host, out SecureChannelFailure failure) => _failures.TryRemove(host, out failure);

    private bool Fail(string host, SecureChannelFailure failure)
    {
        _failures[host] = failure;
        return false;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The Support API certificate chain matches no configured pin (report-only mode: the connection was allowed).")]
    private static partial void LogPinMismatchReported(ILogger logger);
}
