using System.Text;

namespace SupportSdk.Tests.Webhooks;

/// <summary><see cref="SupportWebhooks.Verify(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, string}}, IEnumerable{string}, TimeSpan?, TimeProvider?)"/>:
/// the Standard Webhooks test vector, rotation, tampering, tolerance edges on a fake clock, and headers.</summary>
[TestFixture]
public sealed class WebhookVerificationTests
{
    // The test vector published by Standard Webhooks (standard-webhooks/standard-webhooks, libraries' tests).
    internal const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    internal const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    internal const long VectorTimestamp = 1614265330;
    internal const string VectorBody = """{"test": 2432232314}""";
    internal const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private const string OtherSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    internal static FakeTimeProvider ClockAt(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    internal static Dictionary<string, string> Headers(string id, long timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    private static WebhookVerificationFailure FailureOf(Action verify) => Assert.Throws<WebhookVerificationException>(verify)!.Failure;

    [Test]
    public void The_standard_webhooks_test_vector_signs_and_verifies()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Multiple(() =>
        {
            Assert.That(WebhookSignature.Sign(VectorSecret, VectorId, VectorTimestamp, body), Is.EqualTo(VectorSignature));
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(body, Headers(VectorId, VectorTimestamp, VectorSignature), [VectorSecret], timeProvider: ClockAt(VectorTimestamp)));
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(VectorBody, Headers(VectorId, VectorTimestamp, VectorSignature), [VectorSecret], timeProvider: ClockAt(VectorTimestamp)), "the text overload signs UTF-8");
        });
    }

    [Test]
    public void During_a_rotation_either_secret_verifies_a_header_with_both_signatures()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var both = WebhookSignature.Sign(OtherSecret, VectorId, VectorTimestamp, body) + " " + VectorSignature;
        var clock = ClockAt(VectorTimestamp);

        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(body, Headers(VectorId, VectorTimestamp, both), [VectorSecret], timeProvider: clock), "old secret only");
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(body, Headers(VectorId, VectorTimestamp, both), [OtherSecret], timeProvider: clock), "new secret only");
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(body, Headers(VectorId, VectorTimestamp, VectorSignature), [OtherSecret, VectorSecret], timeProvider: clock), "receiver holds both, sender signs with the old");
            Assert.That(FailureOf(() => SupportWebhooks.Verify(body, Headers(VectorId, VectorTimestamp, VectorSignature), [OtherSecret], timeProvider: clock)),
                Is.EqualTo(WebhookVerificationFailure.SignatureMismatch), "a secret that signed nothing here");
        });
    }

    [TestCase("body", TestName = "A tampered body is refused")]
    [TestCase("id", TestName = "A tampered id is refused")]
    [TestCase("timestamp", TestName = "A tampered timestamp is refused")]
    [TestCase("signature", TestName = "A tampered signature is refused")]
    [TestCase("reserialised", TestName = "A re-serialised body (same JSON, other bytes) is refused")]
    [TestCase("v2", TestName = "A signature under another scheme version is refused")]
    [TestCase("no-version", TestName = "A signature without its scheme version is refused")]
    public void Tampering_fails_the_signature(string what)
    {
        var body = VectorBody;
        var id = VectorId;
        var timestamp = VectorTimestamp;
        var signature = VectorSignature;
        switch (what)
        {
            case "body": body = """{"test": 2432232315}"""; break;
            case "id": id = "msg_p5jXN8AQM9LWM0D4loKWxJeK"; break;
            case "timestamp": timestamp++; break;
            case "signature": signature = "v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; break;
            case "reserialised": body = """{"test":2432232314}"""; break;
            case "v2": signature = "v2," + VectorSignature[3..]; break;
            case "no-version": signature = VectorSignature[3..]; break;
        }

        Assert.That(FailureOf(() => SupportWebhooks.Verify(body, Headers(id, timestamp, signature), [VectorSecret], timeProvider: ClockAt(VectorTimestamp))),
            Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [TestCase(-300, true)]
    [TestCase(-301, false)]
    [TestCase(300, true)]
    [TestCase(301, false)]
    [TestCase(-86_400 * 365, false)]
    [TestCase(86_400 * 365, false)]
    public void The_timestamp_must_be_within_the_tolerance_of_the_clock_either_way(int signedSecondsFromNow, bool accepted)
    {
        const long now = 1_790_000_000;
        var sentAt = now + signedSecondsFromNow;
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var headers = Headers(VectorId, sentAt, WebhookSignature.Sign(VectorSecret, VectorId, sentAt, body));

        void Verify() => SupportWebhooks.Verify(body, headers, [VectorSecret], timeProvider: ClockAt(now));

        if (accepted)
        {
            Assert.DoesNotThrow(Verify);
        }
        else
        {
            var error = Assert.Throws<WebhookVerificationException>(Verify)!;
            Assert.Multiple(() =>
            {
                Assert.That(error.Failure, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
                Assert.That(error.Message, Does.Contain(signedSecondsFromNow < 0 ? "ago" : "in the future"));
            });
        }
    }

    [Test]
    public void A_tolerance_can_be_set_and_the_clock_moves_an_event_out_of_it()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var headers = Headers(VectorId, VectorTimestamp, VectorSignature);
        var clock = ClockAt(VectorTimestamp);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => SupportWebhooks.Verify(body, headers, [VectorSecret], TimeSpan.FromSeconds(30), clock));
            Assert.That(FailureOf(() => SupportWebhooks.Verify(body, headers, [VectorSecret], TimeSpan.FromSeconds(29), clock)), Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
            clock.Advance(SupportWebhooks.DefaultTolerance);
            Assert.That(FailureOf(() => SupportWebhooks.Verify(body, headers, [VectorSecret], timeProvider: clock)), Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
        });
    }

    [Test]
    public void Header_names_match_in_any_case()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Webhook-Id"] = VectorId,
            ["WEBHOOK-TIMESTAMP"] = VectorTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-Signature"] = VectorSignature,
            ["Content-Type"] = "application/json",
        };

        Assert.DoesNotThrow(() => SupportWebhooks.Verify(VectorBody, headers, [VectorSecret], timeProvider: ClockAt(VectorTimestamp)));
    }

    [TestCase("webhook-id", TestName = "A missing webhook-id is refused")]
    [TestCase("webhook-timestamp", TestName = "A missing webhook-timestamp is refused")]
    [TestCase("webhook-signature", TestName = "A missing webhook-signature is refused")]
    public void Missing_headers_are_refused(string header)
    {
        var headers = Headers(VectorId, VectorTimestamp, VectorSignature);
        headers.Remove(header);
        var error = Assert.Throws<WebhookVerificationException>(() => SupportWebhooks.Verify(VectorBody, headers, [VectorSecret], timeProvider: ClockAt(VectorTimestamp)))!;
        var blank = Headers(VectorId, VectorTimestamp, VectorSignature);
        blank[header] = " ";

        Assert.Multiple(() =>
        {
            Assert.That(error.Failure, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
            Assert.That(error.Message, Does.Contain(header));
            Assert.That(FailureOf(() => SupportWebhooks.Verify(VectorBody, blank, [VectorSecret], timeProvider: ClockAt(VectorTimestamp))), Is.EqualTo(WebhookVerificationFailure.MissingHeader), "blank");
        });
    }

    [TestCase("-1614265330")]
    [TestCase("+1614265330")]
    [TestCase(" 1614265330")]
    [TestCase("1614265330.0")]
    [TestCase("1.6e9")]
    [TestCase("99999999999999999999999")]
    [TestCase("2021-02-26T15:02:10Z")]
    public void A_timestamp_that_is_not_unix_seconds_is_an_invalid_header(string timestamp)
    {
        var headers = Headers(VectorId, VectorTimestamp, VectorSignature);
        headers["webhook-timestamp"] = timestamp;

        Assert.That(FailureOf(() => SupportWebhooks.Verify(VectorBody, headers, [VectorSecret], timeProvider: ClockAt(VectorTimestamp))), Is.EqualTo(WebhookVerificationFailure.InvalidHeader));
    }

    [Test]
    public void A_header_sent_twice_is_refused_even_when_one_copy_is_right()
    {
        var headers = Headers(VectorId, VectorTimestamp, VectorSignature).ToList();
        headers.Add(new("Webhook-Signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        Assert.That(FailureOf(() => SupportWebhooks.Verify(VectorBody, headers, [VectorSecret], timeProvider: ClockAt(VectorTimestamp))), Is.EqualTo(WebhookVerificationFailure.InvalidHeader));
    }

    [Test]
    public void Failures_never_quote_the_secret_the_signature_or_the_body()
    {
        var secretBody = """{"id":"evt_1","type":"ticket.created","data":{"subject":"my seed is abandon ability able"}}""";
        var messages = new List<string>();
        var cases = new Func<Dictionary<string, string>>[]
        {
            () => Headers(VectorId, VectorTimestamp, VectorSignature),
            () => Headers(VectorId, VectorTimestamp - 3600, WebhookSignature.Sign(VectorSecret, VectorId, VectorTimestamp - 3600, Encoding.UTF8.GetBytes(secretBody))),
            () => new Dictionary<string, string> { ["webhook-id"] = VectorId },
            () => Headers(VectorId, VectorTimestamp, VectorSignature).Append(new("WEBHOOK-ID", "x")).ToDictionary(h => h.Key, h => h.Value),
        };
        foreach (var headers in cases)
        {
            messages.Add(Assert.Throws<WebhookVerificationException>(() => SupportWebhooks.ParseEvent(secretBody, headers(), [VectorSecret], timeProvider: ClockAt(VectorTimestamp)))!.ToString());
        }

        var signed = Headers("evt_1", VectorTimestamp, WebhookSignature.Sign(VectorSecret, "evt_1", VectorTimestamp, Encoding.UTF8.GetBytes("{\"abandon ability\":")));
        messages.Add(Assert.Throws<WebhookVerificationException>(() => SupportWebhooks.ParseEvent("{\"abandon ability\":", signed, [VectorSecret], timeProvider: ClockAt(VectorTimestamp)))!.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Count.EqualTo(5));
            foreach (var message in messages)
            {
                Assert.That(message, Does.Not.Contain(VectorSecret["whsec_".Length..]).And.Not.Contain("abandon").And.Not.Contain(VectorSignature[3..]));
            }
        });
    }

    [Test]
    public void Bad_secrets_and_tolerances_are_the_callers_mistake_not_a_forgery()
    {
        var headers = Headers(VectorId, VectorTimestamp, VectorSignature);
        var clock = ClockAt(VectorTimestamp);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => SupportWebhooks.Verify(VectorBody, headers, [], timeProvider: clock));
            Assert.Throws<ArgumentException>(() => SupportWebhooks.Verify(VectorBody, headers, [""], timeProvider: clock));
            var notBase64 = Assert.Throws<ArgumentException>(() => SupportWebhooks.Verify(VectorBody, headers, ["whsec_not base64 at all!"], timeProvider: clock))!;
            Assert.That(notBase64.Message, Does.Not.Contain("not base64 at all"));
            Assert.Throws<ArgumentOutOfRangeException>(() => SupportWebhooks.Verify(VectorBody, headers, [VectorSecret], TimeSpan.FromSeconds(-1), clock));
        });
    }
}
