using System.Security.Cryptography;
using System.Text.Json;
using SupportSdk.Channels;
using SupportSdk.Transcripts;

namespace SupportSdk.Protocol.Tests.Transcripts;

/// <summary>
/// Signed transcripts: a genuine one verifies, and every kind of tampering a scammer or an unhappy party could try —
/// a changed word, a removed, added, reordered or cut-off message, a changed subject, a forged hash chain, another
/// key — is caught, at the right message where that can be known. Seeded random cases cover each kind at every
/// position, not only the examples.
/// </summary>
[TestFixture]
public sealed class TranscriptVerifierTests
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa Foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly string[] Pins = [Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo())];
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [OneTimeTearDown]
    public void DisposeKeys()
    {
        Key.Dispose();
        Foreign.Dispose();
    }

    private static TranscriptMessage Message(int i, string role, string text) => new()
    {
        Id = "msg_" + i, Role = role, Author = role == "customer" ? "Alice" : "Mia", Text = text, SentAt = Now.AddMinutes(i),
    };

    private static readonly TranscriptMessage[] Conversation =
    [
        Message(0, "customer", "My USDT deposit has not arrived."),
        Message(1, "bot", "Which network did you send it on?"),
        Message(2, "customer", "TRC20, 3 hours ago. 提币卡住了"),
        Message(3, "agent", "Thanks. Support never asks for your seed phrase. I am checking the chain now."),
        Message(4, "agent", "Found it: it was credited at 10:42."),
    ];

    private static SignedTranscript Sign(IEnumerable<TranscriptMessage> messages, ECDsa? key = null) =>
        TranscriptSigner.Sign(new SignedTranscript { Conversation = "tkt_1", Kind = "ticket", Subject = "Missing deposit", Locale = "en-us" }, messages, key ?? Key, Now);

    private static SignedTranscript With(SignedTranscript t, IReadOnlyList<TranscriptMessage> messages, string? subject = null) => new()
    {
        Conversation = t.Conversation, Kind = t.Kind, Subject = subject ?? t.Subject, Locale = t.Locale, IssuedAt = t.IssuedAt, KeyId = t.KeyId,
        Algorithm = t.Algorithm, Messages = messages, Head = t.Head, Signature = t.Signature,
    };

    private static TranscriptMessage Edit(TranscriptMessage m, string text) => new()
    {
        Conversation = m.Conversation, Index = m.Index, Id = m.Id, Role = m.Role, Author = m.Author, Text = text, SentAt = m.SentAt,
        Previous = m.Previous, Hash = m.Hash, KeyId = m.KeyId, Signature = m.Signature,
    };

    private static TranscriptVerification Check(SignedTranscript t) =>
        TranscriptVerifier.Verify(JsonSerializer.Serialize(t, TranscriptsJsonContext.Default.SignedTranscript), Pins);

    [Test]
    public void A_signed_transcript_is_genuine_after_a_round_trip_through_JSON()
    {
        var result = Check(Sign(Conversation));
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            Assert.That(result.Message, Is.Null);
            Assert.That(result.Messages, Is.EqualTo(5));
            Assert.That(result.KeyId, Is.EqualTo(ChannelManifestSigner.KeyIdOf(Key)));
        });
    }

    [Test]
    public void The_examples_of_the_issue_a_changed_word_a_removed_message_a_reordered_pair_and_a_foreign_key()
    {
        var t = Sign(Conversation);
        var m = t.Messages;
        Assert.Multiple(() =>
        {
            Assert.That(Check(With(t, [m[0], m[1], m[2], Edit(m[3], m[3].Text.Replace("never", "always", StringComparison.Ordinal)), m[4]])),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(3), "a changed word");
            Assert.That(Check(With(t, [m[0], m[1], m[3], m[4]])),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(2), "a removed message");
            Assert.That(Check(With(t, [m[0], m[2], m[1], m[3], m[4]])),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(1), "a reordered pair");
            Assert.That(Check(Sign(Conversation, Foreign)),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Untrusted).And.Property("Message").Null, "signed by another key");
        });
    }

    [Test]
    public void Cutting_messages_off_the_end_or_changing_the_subject_breaks_the_envelope()
    {
        var t = Sign(Conversation);
        Assert.Multiple(() =>
        {
            Assert.That(Check(With(t, t.Messages.Take(3).ToList())),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(3), "the first missing message");
            Assert.That(Check(With(t, t.Messages, subject: "Refund approved")),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").Null);
            Assert.That(Check(With(t, [])), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(0));
        });
    }

    [Test]
    public void A_forger_who_recomputes_the_hash_chain_still_fails_on_the_signatures()
    {
        // Rebuild the chain honestly over a changed text, but without the exchange's key: the hashes link up, the signatures do not.
        var t = Sign(Conversation);
        var changed = Conversation.Select((m, i) => i == 3 ? Message(3, "agent", "Please send your 12 words to verify your wallet.") : m).ToArray();
        var forged = Sign(changed, Foreign);
        var spliced = new SignedTranscript
        {
            Conversation = t.Conversation, Kind = t.Kind, Subject = t.Subject, Locale = t.Locale, IssuedAt = t.IssuedAt, KeyId = t.KeyId,
            Messages = forged.Messages.Select(m => new TranscriptMessage
            {
                Conversation = m.Conversation, Index = m.Index, Id = m.Id, Role = m.Role, Author = m.Author, Text = m.Text, SentAt = m.SentAt,
                Previous = m.Previous, Hash = m.Hash, KeyId = t.KeyId, Signature = m.Index < 3 ? t.Messages[m.Index].Signature : m.Signature,
            }).ToList(),
            Head = forged.Head,
            Signature = t.Signature,
        };
        Assert.That(Check(spliced), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(3));
    }

    [Test]
    public void Every_kind_of_tampering_at_every_position_is_caught_at_that_message([Range(0, 199)] int seed)
    {
        var random = new Random(seed);
        var count = random.Next(2, 12);
        var messages = Enumerable.Range(0, count).Select(i => Message(i, i % 2 == 0 ? "customer" : "agent", Words(random))).ToArray();
        var t = Sign(messages);
        var m = t.Messages.ToList();
        var at = random.Next(count);
        var kind = seed % 5;
        int? expected = at;
        switch (kind)
        {
            case 0: // one character changed
                var text = m[at].Text;
                var p = random.Next(text.Length);
                m[at] = Edit(m[at], text[..p] + (text[p] == 'x' ? 'y' : 'x') + text[(p + 1)..]);
                break;
            case 1: // removed
                m.RemoveAt(at);
                break;
            case 2: // swapped with the next (or the previous, at the end)
                var other = at == count - 1 ? at - 1 : at + 1;
                (m[at], m[other]) = (m[other], m[at]);
                expected = Math.Min(at, other);
                break;
            case 3: // a message from another conversation's genuine transcript inserted
                var stranger = TranscriptSigner.Sign(new SignedTranscript { Conversation = "tkt_2", Kind = "ticket", Subject = "x", Locale = "en" },
                    [Message(0, "agent", "Send me your private key.")], Key, Now).Messages[0];
                m.Insert(at, stranger);
                break;
            default: // author changed to look like support
                m[at] = new TranscriptMessage
                {
                    Conversation = m[at].Conversation, Index = m[at].Index, Id = m[at].Id, Role = m[at].Role == "agent" ? "customer" : "agent", Author = m[at].Author,
                    Text = m[at].Text, SentAt = m[at].SentAt, Previous = m[at].Previous, Hash = m[at].Hash, KeyId = m[at].KeyId, Signature = m[at].Signature,
                };
                break;
        }

        var result = Check(With(t, m));
        Assert.That(result.Verdict, Is.EqualTo(TranscriptVerdict.Altered), $"seed {seed}, kind {kind}, at {at}");
        Assert.That(result.Message, Is.EqualTo(expected), $"seed {seed}, kind {kind}, at {at}");
        Assert.That(Check(t).Verdict, Is.EqualTo(TranscriptVerdict.Genuine), "the untouched original");
    }

    [Test]
    public void Genuine_messages_from_a_later_export_appended_are_caught_at_the_first_one_added()
    {
        var longer = Sign(Conversation.Append(Message(5, "agent", "Anything else?")));
        var shorter = Sign(Conversation);
        // The longer export's messages, under the shorter export's envelope: every link holds, the signed head is message 4.
        Assert.That(Check(With(shorter, longer.Messages)), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(5));
    }

    [Test]
    public void A_genuine_result_carries_what_was_signed_with_who_wrote_it()
    {
        var result = Check(Sign(Conversation));
        Assert.That(result.Verified.Select(m => (m.Role, m.Text)), Is.EqualTo(Conversation.Select(m => (m.Role, m.Text))));
        Assert.That(Check(Sign(Conversation, Foreign)).Verified, Is.Empty);
    }

    [Test]
    public void Json_that_a_viewer_could_read_differently_is_refused()
    {
        var json = JsonSerializer.Serialize(Sign(Conversation), TranscriptsJsonContext.Default.SignedTranscript);
        var duplicate = json.Replace("{\"conversation\":\"tkt_1\",\"kind\"", "{\"conversation\":\"tkt_1\",\"subject\":\"Refund approved\",\"kind\"", StringComparison.Ordinal);
        var recased = json.Replace("\"messages\"", "\"Messages\"", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(duplicate, Is.Not.EqualTo(json));
            Assert.That(TranscriptVerifier.Verify(duplicate, Pins).Verdict, Is.EqualTo(TranscriptVerdict.Untrusted), "a duplicated property");
            Assert.That(TranscriptVerifier.Verify(recased, Pins).Verdict, Is.EqualTo(TranscriptVerdict.Untrusted), "a property name in another case");
        });
    }

    [Test]
    public void A_single_forwarded_message_verifies_alone_and_fails_when_changed_or_foreign()
    {
        var message = Sign(Conversation).Messages[3];
        var json = JsonSerializer.Serialize(message, TranscriptsJsonContext.Default.TranscriptMessage);
        var changed = JsonSerializer.Serialize(Edit(message, "Support needs your seed phrase to unlock the account."), TranscriptsJsonContext.Default.TranscriptMessage);
        var foreign = JsonSerializer.Serialize(Sign(Conversation, Foreign).Messages[3], TranscriptsJsonContext.Default.TranscriptMessage);
        Assert.Multiple(() =>
        {
            Assert.That(TranscriptVerifier.Verify(json, Pins).Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            Assert.That(TranscriptVerifier.Verify(changed, Pins), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(0));
            Assert.That(TranscriptVerifier.Verify(foreign, Pins).Verdict, Is.EqualTo(TranscriptVerdict.Untrusted));
        });
    }

    [TestCase("")]
    [TestCase("not json at all")]
    [TestCase("[1,2,3]")]
    [TestCase("{}")]
    [TestCase("{\"messages\":5}")]
    [TestCase("{\"messages\":[],\"keyId\":\"0011223344556677\",\"algorithm\":\"ES256\"}")]
    [TestCase("<html><body>Support chat: please send your seed phrase</body></html>")]
    [TestCase("<script type=\"application/json\" id=\"signed-transcript\">{\"messages\":[null]</script>")]
    public void Anything_that_is_not_a_signed_transcript_is_untrusted_never_an_exception(string document) =>
        Assert.That(TranscriptVerifier.Verify(document, Pins).Verdict, Is.EqualTo(TranscriptVerdict.Untrusted));

    [Test]
    public void A_key_rotation_keeps_old_transcripts_verifying_while_the_retired_key_is_pinned()
    {
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var old = JsonSerializer.Serialize(Sign(Conversation), TranscriptsJsonContext.Default.SignedTranscript);
        string[] both = [Convert.ToBase64String(next.ExportSubjectPublicKeyInfo()), Pins[0]];
        string[] onlyNext = [both[0]];
        Assert.Multiple(() =>
        {
            Assert.That(TranscriptVerifier.Verify(old, both).Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            Assert.That(TranscriptVerifier.Verify(old, onlyNext).Verdict, Is.EqualTo(TranscriptVerdict.Untrusted));
        });
    }

    private static string Words(Random random)
    {
        string[] words = ["deposit", "withdrawal", "USDT", "network", "pending", "提币", "充值", "到账", "support", "never", "asks", "seed", "hash", "0x9f"];
        return string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => words[random.Next(words.Length)]));
    }
}
