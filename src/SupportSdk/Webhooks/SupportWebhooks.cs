using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SupportSdk;

/// <summary>
/// Verifies the webhooks the Support API sends (Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>) and reads their events, for any web framework. Pass the body exactly as received (the
/// bytes, before any JSON parsing), the request's headers (names in any case) and the endpoint's secrets: two while a
/// secret is being rotated. On ASP.NET Core, <c>MapSupportWebhooks</c> in <c>SupportSdk.AspNetCore</c> does all of this.
/// </summary>
public static class SupportWebhooks
{
    /// <summary>How far a timestamp may be from now, either way, by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Checks that the request was signed with one of <paramref name="secrets"/> and sent within
    /// <paramref name="tolerance"/> of now. Signatures are compared in constant time.</summary>
    /// <param name="body">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched in any case.</param>
    /// <param name="secrets">The endpoint's secrets (<c>whsec_…</c>) that are valid now.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way; <see cref="DefaultTolerance"/> when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="WebhookVerificationException">A header is missing or invalid, no signature matches, or the timestamp is out of tolerance.</exception>
    /// <exception cref="ArgumentException">No secret is given, a secret is not <c>whsec_</c> and base64, or the tolerance is negative.</exception>
    public static void Verify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets,
        TimeSpan? tolerance = null, TimeProvider? timeProvider = null) =>
        VerifyCore(body, headers, secrets, tolerance, timeProvider);

    /// <summary>Checks a request whose body the framework gave as text (it is signed as UTF-8); see the overload taking bytes.</summary>
    /// <param name="body">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched in any case.</param>
    /// <param name="secrets">The endpoint's secrets (<c>whsec_…</c>) that are valid now.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way; <see cref="DefaultTolerance"/> when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="WebhookVerificationException">A header is missing or invalid, no signature matches, or the timestamp is out of tolerance.</exception>
    /// <exception cref="ArgumentException">No secret is given, a secret is not <c>whsec_</c> and base64, or the tolerance is negative.</exception>
    public static void Verify(string body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets,
        TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Verify(Encoding.UTF8.GetBytes(body), headers, secrets, tolerance, timeProvider);
    }

    /// <summary>Verifies the request as <see cref="Verify(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, string}}, IEnumerable{string}, TimeSpan?, TimeProvider?)"/>
    /// does, then reads its event. Read the event's data with <see cref="WebhookEventExtensions.TryGetTicket"/>,
    /// <see cref="WebhookEventExtensions.TryGetMessage"/> and <see cref="WebhookEventExtensions.TryGetSecretBlocked"/>;
    /// dedupe on <see cref="WebhookEvent.Id"/>, which is the same on every retry.</summary>
    /// <param name="body">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched in any case.</param>
    /// <param name="secrets">The endpoint's secrets (<c>whsec_…</c>) that are valid now.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way; <see cref="DefaultTolerance"/> when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="WebhookVerificationException">The request is not verified, or the signed body is not an event (<see cref="WebhookVerificationFailure.MalformedPayload"/>).</exception>
    /// <exception cref="ArgumentException">No secret is given, a secret is not <c>whsec_</c> and base64, or the tolerance is negative.</exception>
    public static WebhookEvent ParseEvent(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets,
        TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        var id = VerifyCore(body, headers, secrets, tolerance, timeProvider);
        return WebhookEventExtensions.Read(body, id);
    }

    /// <summary>Verifies a request whose body the framework gave as text (it is signed as UTF-8) and reads its event; see
    /// the overload taking bytes.</summary>
    /// <param name="body">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched in any case.</param>
    /// <param name="secrets">The endpoint's secrets (<c>whsec_…</c>) that are valid now.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way; <see cref="DefaultTolerance"/> when null.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The event.</returns>
    /// <exception cref="WebhookVerificationException">The request is not verified, or the signed body is not an event (<see cref="WebhookVerificationFailure.MalformedPayload"/>).</exception>
    /// <exception cref="ArgumentException">No secret is given, a secret is not <c>whsec_</c> and base64, or the tolerance is negative.</exception>
    public static WebhookEvent ParseEvent(string body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets,
        TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ParseEvent(Encoding.UTF8.GetBytes(body), headers, secrets, tolerance, timeProvider);
    }

    /// <summary>Verifies and answers the verified <c>webhook-id</c>.</summary>
    private static string VerifyCore(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string> secrets,
        TimeSpan? tolerance, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secrets);
        var window = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero, nameof(tolerance));
        string[] keys = [.. secrets];
        if (keys.Length == 0 || keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one webhook secret, and no empty one.", nameof(secrets));
        }

        string? id = null, timestamp = null, signature = null;
        foreach (var (name, value) in headers)
        {
            if (name is null)
            {
                continue;
            }

            if (name.Equals(WebhookSignature.IdHeader, StringComparison.OrdinalIgnoreCase))
            {
                Take(ref id, value, WebhookSignature.IdHeader);
            }
            else if (name.Equals(WebhookSignature.TimestampHeader, StringComparison.OrdinalIgnoreCase))
            {
                Take(ref timestamp, value, WebhookSignature.TimestampHeader);
            }
            else if (name.Equals(WebhookSignature.SignatureHeader, StringComparison.OrdinalIgnoreCase))
            {
                Take(ref signature, value, WebhookSignature.SignatureHeader);
            }
        }

        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signature))
        {
            var missing = string.IsNullOrWhiteSpace(id) ? WebhookSignature.IdHeader
                : string.IsNullOrWhiteSpace(timestamp) ? WebhookSignature.TimestampHeader : WebhookSignature.SignatureHeader;
            throw new WebhookVerificationException(WebhookVerificationFailure.MissingHeader, $"The webhook request has no {missing} header.");
        }

        // Digits only: no sign, no spaces, no exponent. What is signed is the header as sent, so it is not normalised.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            throw new WebhookVerificationException(WebhookVerificationFailure.InvalidHeader, $"The {WebhookSignature.TimestampHeader} header is not Unix seconds.");
        }

        // The signature first: a timestamp failure then means a genuine event that is stale (a replay, or a clock off),
        // which is what an operator needs to know; an attacker learns nothing either way from the receiver's plain 401.
        if (!WebhookSignature.Matches(keys, id, timestamp, signature, body))
        {
            throw new WebhookVerificationException(WebhookVerificationFailure.SignatureMismatch,
                "No webhook signature matches: the secret differs, or the id, timestamp or body was changed on the way.");
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var allowed = (long)Math.Floor(window.TotalSeconds);
        if (sentAt < now - allowed || sentAt > now + allowed)
        {
            var (by, direction) = sentAt < now ? (now - sentAt, "ago") : (Math.Min(sentAt - now, 999_999_999_999), "in the future");
            throw new WebhookVerificationException(WebhookVerificationFailure.TimestampOutOfTolerance,
                $"The webhook was signed {by.ToString(CultureInfo.InvariantCulture)} s {direction}, beyond the tolerance of {allowed.ToString(CultureInfo.InvariantCulture)} s.");
        }

        return id;
    }

    private static void Take(ref string? slot, string? value, string name)
    {
        if (slot is not null)
        {
            throw new WebhookVerificationException(WebhookVerificationFailure.InvalidHeader, $"The webhook request has the {name} header twice.");
        }

        slot = value ?? string.Empty;
    }
}
