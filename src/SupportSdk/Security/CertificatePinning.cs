using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace SupportSdk.Security;

/// <summary>
/// Certificate validation for the Support API connection: normal chain and host-name validation always (optionally
/// with extra trusted roots), then SPKI SHA-256 pins on any certificate of the chain, when pins are configured.
/// </summary>
internal sealed partial class CertificatePinning(SupportClientOptions options, ILogger logger)
{
    public static readonly HttpRequestOptionsKey<TlsFailure> FailureKey = new("SupportSdk.SecureChannelFailure");
    private readonly HashSet<string> _pins = new(options.PinnedPublicKeySha256, StringComparer.Ordinal);
    private readonly X509Certificate2Collection _roots = options.TrustedRootCertificates;
    private readonly bool _reportOnly = options.PinReportOnly;

    public static string SpkiSha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var request = sender as HttpRequestMessage;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Fail(request, SecureChannelFailure.CertificateInvalid);
        }

        var elements = chain?.ChainElements.Select(e => e.Certificate).ToList() ?? [];
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            if (_roots.Count == 0 || !TryBuildWithTrustedRoots(certificate, chain, out elements))
            {
                return Fail(request, SecureChannelFailure.CertificateInvalid);
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

        return Fail(request, SecureChannelFailure.PinMismatch);
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

    private static bool Fail(HttpRequestMessage? request, SecureChannelFailure failure)
    {
        if (request is not null && request.Options.TryGetValue(FailureKey, out var box))
        {
            box.Failure = failure;
        }

        return false;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The Support API certificate chain matches no configured pin (report-only mode: the connection was allowed).")]
    private static partial void LogPinMismatchReported(ILogger logger);
}

/// <summary>Carries a certificate failure from the TLS callback back to the pipeline, across request copies.</summary>
internal sealed class TlsFailure
{
    public SecureChannelFailure? Failure { get; set; }
}
