using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Email;

/// <summary>
/// Mail out, captured by an SMTP sink in the test: an agent's reply reaches the customer threaded, with a reply address
/// that routes back to the ticket, the anti-phishing code in the first line, text and HTML, and a DKIM signature that
/// verifies; a reply to it lands on the same ticket; a mail server that is down is retried until it is back; a customer
/// who opened the ticket in the app turns mail on.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class EmailOutboundTests
{
    private const string Domain = "support.example-exchange.com";
    private readonly MailSink _sink = new();
    private readonly RSA _dkim = RSA.Create(2048);
    private SupportServerHost _server = null!;
    private string _keyFile = null!;

    private sealed class Directory : IEmailDirectory
    {
        public Task<EmailSender?> FindSenderAsync(string address, CancellationToken cancellationToken) =>
            Task.FromResult(address == "alice@mail.test" ? new EmailSender("out-alice", "Alice", "en-us") : null);

        public Task<EmailRecipient?> FindRecipientAsync(string userId, CancellationToken cancellationToken) =>
            Task.FromResult(userId == "out-alice" ? new EmailRecipient("alice@mail.test", "Alice", "en-us", "Otter-1234")
                : userId == "out-lilei" ? new EmailRecipient("lilei@mail.test", "李雷", "zh-cn", "Panda-8866") : null);
    }

    private sealed class KeyLocator(RSA key) : DkimPublicKeyLocatorBase
    {
        private string Record => "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            domain == Domain && selector == "support" ? GetPublicKey(Record) : throw new InvalidOperationException("unknown key " + selector + "._domainkey." + domain);

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _keyFile = Path.Combine(Path.GetTempPath(), "dkim-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(_keyFile, _dkim.ExportRSAPrivateKeyPem());
        await _sink.StartAsync();
        _server = await SupportServerHost.StartAsync(o =>
        {
            o.Email.Domain = Domain;
            o.Email.TrustedAuthServId = "mx.support-gateway.test";
            o.Email.Smtp.Host = "127.0.0.1";
            o.Email.Smtp.Port = _sink.Port;
            o.Email.Smtp.DkimKeyPath = _keyFile;
            o.Webhooks.RetryDelays.Add(TimeSpan.FromMilliseconds(300));
            o.Webhooks.RetryDelays.Add(TimeSpan.FromMilliseconds(600));
            o.Webhooks.RetryDelays.Add(TimeSpan.FromSeconds(1));
            o.Webhooks.RetryDelays.Add(TimeSpan.FromSeconds(1));
            o.Webhooks.RetryDelays.Add(TimeSpan.FromSeconds(1));
        }, importFaq: false, store: s => s.Services.AddSingleton<IEmailDirectory, Directory>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
        _dkim.Dispose();
        File.Delete(_keyFile);
    }

    private async Task<InboundEmailResult> MailInAsync(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        using var response = await _server.Backend().PostAsync("/v1/email/inbound", content);
        return await ReadAsync(response, SupportJsonContext.Default.InboundEmailResult);
    }

    private static MimeMessage Mail(string subject, string text)
    {
        var message = new MimeMessage();
        message.Headers.Add(HeaderId.AuthenticationResults, "mx.support-gateway.test; dmarc=pass header.from=mail.test");
        message.From.Add(new MailboxAddress("Alice", "alice@mail.test"));
        message.To.Add(MailboxAddress.Parse("support@" + Domain));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.test");
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task AgentRepliesAsync(string ticketId, string body)
    {
        using var reply = await _server.Agent().PostAsync($"/v1/agent/tickets/{ticketId}/messages", Json($$"""{"body":{{System.Text.Json.JsonSerializer.Serialize(body)}}}"""));
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created), await reply.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_agents_reply_arrives_threaded_with_the_code_and_a_dkim_signature_and_a_reply_to_it_lands_on_the_ticket()
    {
        var subject = "Deposit missing " + Guid.NewGuid().ToString("N")[..6];
        var opened = await MailInAsync(Mail(subject, "My USDT deposit has not arrived."));
        await AgentRepliesAsync(opened.TicketId!, "Which network did you send it on?");
        var sent = await _sink.WaitForAsync(m => (m.Subject ?? string.Empty).Contains(opened.TicketId!, StringComparison.Ordinal));

        var header = sent.Headers.First(h => h.Id == HeaderId.DkimSignature);
        var verified = await new DkimVerifier(new KeyLocator(_dkim)).VerifyAsync(sent, header);
        var tampered = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(sent.ToString().Replace("Which network", "Which password", StringComparison.Ordinal))));
        var stillVerified = await new DkimVerifier(new KeyLocator(_dkim)).VerifyAsync(tampered, tampered.Headers.First(h => h.Id == HeaderId.DkimSignature));

        var answer = Mail("Re: " + sent.Subject, "TRC20, an hour ago.\n\nYour anti-phishing code: Otter-1234\n\nWhich network did you send it on?");
        answer.To.Clear();
        answer.To.Add(sent.ReplyTo.Mailboxes.First());
        answer.InReplyTo = sent.MessageId;
        var back = await MailInAsync(answer);
        var messages = (await _server.Agent().GetFromJsonAsync($"/v1/agent/tickets/{opened.TicketId}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(sent.To.Mailboxes.Single().Address, Is.EqualTo("alice@mail.test"));
            Assert.That(sent.Subject, Is.EqualTo("Re: " + subject + " [" + opened.TicketId + "]"));
            Assert.That(sent.ReplyTo.Mailboxes.Single().Address, Is.EqualTo("support+" + opened.TicketId + "@" + Domain), "a reply address that routes back");
            Assert.That(sent.MessageId, Does.StartWith(opened.TicketId + ".").And.EndWith("@" + Domain));
            Assert.That(sent.InReplyTo, Is.Not.Null.And.EndWith("@" + Domain), "threaded");
            Assert.That((sent.TextBody ?? string.Empty).Split('\n')[0], Is.EqualTo("Your anti-phishing code: Otter-1234"), "the code in the first line");
            Assert.That(sent.TextBody ?? string.Empty, Does.Contain("Which network did you send it on?"));
            Assert.That(sent.HtmlBody, Does.Contain("Otter-1234").And.Contain("Which network"));
            Assert.That(verified, Is.True, "the DKIM signature verifies with the published key");
            Assert.That(stillVerified, Is.False, "and fails on a changed word");
            Assert.That((back.Outcome, back.TicketId), Is.EqualTo(("message_added", opened.TicketId)));
            Assert.That(messages.Select(m => m.Body).Last(), Is.EqualTo("TRC20, an hour ago."));
        });
    }

    [Test]
    public async Task A_seed_phrase_mailed_in_is_answered_in_the_senders_language_and_never_kept()
    {
        const string Phrase = "attack race runway announce fiscal life smoke demand extend sound twenty always";
        var subject = "Wallet help " + Guid.NewGuid().ToString("N")[..6];
        var result = await MailInAsync(Mail(subject, "Support asked me to verify my wallet: " + Phrase));
        var chinese = Mail("钱包验证 " + Guid.NewGuid().ToString("N")[..6], "客服让我验证钱包：" + Phrase);
        var zhResult = await MailInAsync(chinese);
        var answer = await _sink.WaitForAsync(m => m.Subject == "Your mail was not kept");
        var zhAnswer = await _sink.WaitForAsync(m => m.Subject == "您的邮件未被保存");
        Assert.Multiple(() =>
        {
            Assert.That((result.Outcome, result.TicketId, zhResult.Outcome), Is.EqualTo(("blocked", (string?)null, "blocked")));
            Assert.That(answer.To.Mailboxes.Single().Address, Is.EqualTo("alice@mail.test"));
            Assert.That(answer.Headers[HeaderId.AutoSubmitted], Is.EqualTo("auto-replied"), "no auto-responder answers it back");
            Assert.That(answer.TextBody, Does.Contain("Support will never ask for your password, 2FA codes, private keys or seed phrase"));
            Assert.That(answer.ToString(), Does.Not.Contain("fiscal life smoke").And.Not.Contain(subject), "neither the secret nor the subject is echoed");
            Assert.That(zhAnswer.TextBody, Does.Contain("客服绝不会索要您的密码"), "in the language of the mail (the directory's locale is en-us; the mail was Chinese)");
        });
    }

    [Test]
    public async Task A_flagged_reply_is_never_mailed_looking_genuine()
    {
        var opened = await MailInAsync(Mail("Flagged " + Guid.NewGuid().ToString("N")[..6], "help"));
        await AgentRepliesAsync(opened.TicketId!, "To verify your wallet, send me your 12-word seed phrase.");
        var sent = await _sink.WaitForAsync(m => (m.Subject ?? string.Empty).Contains(opened.TicketId!, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That((sent.TextBody ?? string.Empty).Split('\n')[0], Does.StartWith("⚠ A flagged reply"));
            Assert.That(sent.ToString(), Does.Not.Contain("Otter-1234").And.Not.Contain("12-word"), "no code, and not the reply itself");
        });
    }

    [Test]
    public async Task A_mail_server_that_is_down_is_retried_until_it_is_back()
    {
        var opened = await MailInAsync(Mail("Outage " + Guid.NewGuid().ToString("N")[..6], "hello"));
        await _sink.StopAsync();
        try
        {
            await AgentRepliesAsync(opened.TicketId!, "We are on it.");

            // Wait (bounded) until the outbox has tried at least twice and failed: the mail server was really down.
            var store = _server.Services.GetRequiredService<SupportSdk.Server.Storage.IWebhookStore>();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while ((await store.ListDeliveriesAsync(SupportSdk.Server.Email.SupportMailer.OutboxId, null, 20, CancellationToken.None))
                   .All(d => d.DeliveredAt is not null || d.Attempts < 2))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(until), "the outbox never tried the mail");
                await Task.Delay(50);
            }
        }
        finally
        {
            await _sink.StartAsync();
        }

        var sent = await _sink.WaitForAsync(m => (m.Subject ?? string.Empty).Contains(opened.TicketId!, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.That(sent.TextBody ?? string.Empty, Does.Contain("We are on it."));
    }

    [Test]
    public async Task A_customer_who_opened_the_ticket_in_the_app_turns_mail_on_and_gets_it_in_their_language()
    {
        using var user = await _server.UserAsync("out-lilei", "zh-cn");
        var ticket = await CreateTicketAsync(user, NewTicket("充值未到账 " + Guid.NewGuid().ToString("N")[..6]));
        using var on = await user.PutAsync($"/v1/tickets/{ticket.Id}/email", Json("""{"enabled":true}"""));
        await AgentRepliesAsync(ticket.Id, "请提供交易哈希。");
        var sent = await _sink.WaitForAsync(m => (m.Subject ?? string.Empty).Contains(ticket.Id, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sent.To.Mailboxes.Single().Address, Is.EqualTo("lilei@mail.test"));
            Assert.That((sent.TextBody ?? string.Empty).Split('\n')[0], Is.EqualTo("您的防钓鱼码：Panda-8866"));
            Assert.That(sent.TextBody ?? string.Empty, Does.Contain("请提供交易哈希。").And.Contain("客服绝不会索要"));
        });
    }
}
