using SupportSdk.Channels;
using SupportSdk.Core;

namespace SupportSdk;

/// <summary>
/// The exchange's official channels: fetches the signed manifest, verifies it against the public keys pinned in
/// <see cref="SupportClientOptions.ManifestPublicKeys"/>, caches it until it expires, and tells whether a URL, e-mail
/// address, phone number or handle is official, a lookalike, or unknown. Users can report impersonators here too.
/// </summary>
public class ChannelsClient
{
    private readonly SupportPipeline? _pipeline;
    private readonly MessageScreening? _screening;
    private (OfficialChannelManifest Manifest, ChannelVerifier Verifier)? _cached;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected ChannelsClient()
    {
    }

    internal ChannelsClient(SupportPipeline pipeline, MessageScreening screening)
    {
        _pipeline = pipeline;
        _screening = screening;
    }

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    private MessageScreening Screening => _screening ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Gets the verified official-channel manifest (from cache until it expires).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="SecureChannelException">No pinned key signed it, the signature is wrong, or it expired.</exception>
    /// <exception cref="SupportApiException">The server could not be reached.</exception>
    public virtual async Task<OfficialChannelManifest> GetOfficialChannelsAsync(CancellationToken cancellationToken = default) =>
        (await GetVerifierAsync(cancellationToken).ConfigureAwait(false)).Manifest;

    /// <summary>Checks a URL, e-mail address (with or without display name), phone number or social handle.</summary>
    /// <param name="input">What the user wants to check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>official</c>, <c>lookalike</c> (with the channel it imitates and why) or <c>unknown</c>.</returns>
    /// <exception cref="SecureChannelException">The manifest could not be verified.</exception>
    /// <exception cref="SupportApiException">The server could not be reached.</exception>
    public virtual async Task<ChannelVerification> VerifyChannelAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await GetVerifierAsync(cancellationToken).ConfigureAwait(false)).Verifier.Verify(input);
    }

    /// <summary>Reports an impersonator the user met (user-token credential).</summary>
    /// <param name="report">What, where, and a note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored report with the server's verdict.</returns>
    /// <exception cref="SensitiveDataException">The report holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<ChannelReport> ReportImpersonatorAsync(ChannelReportRequest report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        report = Screening.Outgoing(report);
        return Pipeline.SendAsync("Channels.Report", HttpMethod.Post, "v1/channels/reports",
            SupportPipeline.Json(report, SupportJsonContext.Default.ChannelReportRequest), SupportJsonContext.Default.ChannelReport, null, cancellationToken);
    }

    /// <summary>
    /// Checks a signed support transcript or a single forwarded message — its JSON, or the HTML page the server renders —
    /// against the keys pinned in <see cref="SupportClientOptions.ManifestPublicKeys"/>. Local: nothing is sent.
    /// </summary>
    /// <param name="document">The document's text.</param>
    /// <returns><c>genuine</c>, <c>altered</c> (with the first bad message) or <c>untrusted</c> (not signed by a pinned key, or not a transcript).</returns>
    /// <exception cref="SecureChannelException">No key is pinned.</exception>
    public virtual SupportSdk.Transcripts.TranscriptVerification VerifyTranscript(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var keys = Pipeline.Settings.ManifestPublicKeys;
        return keys.Count == 0
            ? throw new SecureChannelException(SecureChannelFailure.ManifestUntrusted,
                "No channel public key is pinned: set SupportClientOptions.ManifestPublicKeys to the exchange's published key(s).")
            : SupportSdk.Transcripts.TranscriptVerifier.Verify(document, keys);
    }

    /// <summary>Gets the exchange's channel public keys (<c>GET /v1/channels/keys</c>), the current one first. Trust them only
    /// as far as you trust the transport: pin the keys themselves where you can.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="SupportApiException">The server could not be reached.</exception>
    public virtual async Task<IReadOnlyList<ChannelKey>> GetChannelKeysAsync(CancellationToken cancellationToken = default) =>
        (await Pipeline.SendAsync("Channels.Keys", HttpMethod.Get, "v1/channels/keys", null, ChannelsJsonContext.Default.ChannelKeys, null, cancellationToken)
            .ConfigureAwait(false)).Keys;

    /// <summary>The verifier for the current manifest, if one was already fetched and is still valid; never fetches.</summary>
    internal ChannelVerifier? CachedVerifier =>
        _cached is { } c && c.Manifest.ExpiresAt > Pipeline.Settings.Time.GetUtcNow() ? c.Verifier : null;

    internal async Task<(OfficialChannelManifest Manifest, ChannelVerifier Verifier)> GetVerifierAsync(CancellationToken cancellationToken)
    {
        var now = Pipeline.Settings.Time.GetUtcNow();
        if (_cached is { } cached && cached.Manifest.ExpiresAt > now)
        {
            return cached;
        }

        // Concurrent first calls may both fetch; both results are equally valid, and the last one is kept.
        var keys = Pipeline.Settings.ManifestPublicKeys;
        if (keys.Count == 0)
        {
            throw new SecureChannelException(SecureChannelFailure.ManifestUntrusted,
                "No manifest public key is pinned: set SupportClientOptions.ManifestPublicKeys to the exchange's published key(s).");
        }

        var signed = await Pipeline.SendAsync("Channels.Official", HttpMethod.Get, "v1/channels/official", null,
            ChannelsJsonContext.Default.SignedChannelManifest, null, cancellationToken).ConfigureAwait(false);
        var validation = ChannelManifestSigner.Verify(signed, keys, now);
        if (validation != ChannelManifestValidation.Valid)
        {
            throw new SecureChannelException(validation is ChannelManifestValidation.Expired or ChannelManifestValidation.NotYetValid
                    ? SecureChannelFailure.ManifestExpired : SecureChannelFailure.ManifestUntrusted,
                $"The official-channel manifest was rejected ({validation}): it is not signed by a pinned key, was altered, or is not valid now.");
        }

        var result = (signed.Manifest, new ChannelVerifier(signed.Manifest));
        _cached = result;
        return result;
    }
}
