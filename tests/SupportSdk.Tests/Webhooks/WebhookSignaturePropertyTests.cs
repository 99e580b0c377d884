using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SupportSdk.Tests.Webhooks;

/// <summary>One byte of a body replaced, inserted or removed.</summary>
public sealed record BodyEdit(byte[] Original, byte[] Edited, string What)
{
    public override string ToString() => $"{What} in {Original.Length} bytes";
}

/// <summary>Any single-byte edit of a signed body fails verification, while the original verifies.</summary>
[TestFixture]
public sealed class WebhookSignaturePropertyTests
{
    private const long Now = 1_790_000_000;

    private static readonly byte[] EventBody = Encoding.UTF8.GetBytes(
        """{"id":"evt_01","type":"ticket.message_added","occurredAt":"2026-09-21T10:00:00Z","ticketId":"tkt_1","chatId":null,"sequence":3,"data":{"ticket":{"id":"tkt_1"},"message":{"id":"m","body":"Ваш депозит зачислен ✓ 已到账"}}}""");

    public static Arbitrary<BodyEdit> Edits()
    {
        var bodies = Gen.OneOf(
            Gen.Constant(EventBody),
            Gen.Choose(1, 2048).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)));
        return Arb.From(
            from body in bodies
            from index in Gen.Choose(0, body.Length - 1)
            from delta in Gen.Choose(1, 255)
            from kind in Gen.Choose(0, 2)
            select Edit(body, index, (byte)delta, kind));
    }

    private static BodyEdit Edit(byte[] body, int index, byte delta, int kind)
    {
        var edited = kind switch
        {
            0 => [.. body[..index], (byte)(body[index] ^ delta), .. body[(index + 1)..]],
            1 => [.. body[..index], delta, .. body[index..]],
            _ => (byte[])[.. body[..index], .. body[(index + 1)..]],
        };
        return new BodyEdit(body, edited, (kind switch { 0 => "replace", 1 => "insert", _ => "remove" }) + " at " + index);
    }

#pragma warning disable NUnit1027 // FsCheck.NUnit's [Property] supplies the parameter from Edits(), which NUnit's analyzer cannot see.
    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(WebhookSignaturePropertyTests) }, MaxTest = 500, QuietOnSuccess = true)]
    public void Any_single_byte_edit_of_the_body_fails_verification(BodyEdit edit)
    {
        var signature = WebhookSignature.Sign(WebhookVerificationTests.VectorSecret, "evt_01", Now, edit.Original);
        var headers = WebhookVerificationTests.Headers("evt_01", Now, signature);
        var clock = WebhookVerificationTests.ClockAt(Now);

        Assert.DoesNotThrow(() => SupportWebhooks.Verify(edit.Original, headers, [WebhookVerificationTests.VectorSecret], timeProvider: clock), "the original verifies");
        var error = Assert.Throws<WebhookVerificationException>(() => SupportWebhooks.Verify(edit.Edited, headers, [WebhookVerificationTests.VectorSecret], timeProvider: clock));
        Assert.That(error!.Failure, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }
#pragma warning restore NUnit1027
}
