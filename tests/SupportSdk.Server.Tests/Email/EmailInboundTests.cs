using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Email;

/// <summary>
/// Mail in, over real SMTP (MailKit's client against the built-in listener on loopback) and <c>POST /v1/email/inbound</c>:
/// a new mail opens a ticket on the sender's account (or unverified), a reply lands on its ticket by the reply address
/// or the Message-Ids, HTML and quoted history are cleaned, a seed phrase is never stored, a spoof of the exchange's
/// domain is flagged, auto-replies and loops are dropped, an oversized or malformed mail is refused cleanly.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class EmailInboundTests
{
    private const string Domain = "support.example-exchange.com";
    private const string TrustedServer = "mx.support-gateway.test";
    private const string Phrase = "attack race runway announce fiscal life smoke demand extend sound twenty always";
    private SupportServerHost _server = null!;
    private int _smtpPort;

    private sealed class Senders : IEmailDirectory
    {
        public Task<EmailSender?> FindSenderAsync(string address, CancellationToken cancellationToken) =>
            Task.FromResult(address == "alice@mail.test" ? new EmailSender("mail-alice", "Alice", "en-us") : null);

        public Task<EmailRecipient?> FindRecipientAsync(string userId, CancellationToken cancellationToken) =>
            Task.FromResult(userId == "mail-alice" ? new EmailRecipient("alice@mail.test", "Alice", "en-us", "Otter-1234") : null);
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _smtpPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _server = await SupportServerHost.StartAsync(o =>
        {
            SupportServerHost.UseDemoChannels(o.OfficialChannels);
            o.Email.Listen = "127.0.0.1:" + _smtpPort;
            o.Email.Domain = Domain;
            o.Email.MaxMessageBytes = 1024 * 1024;
            o.Email.TrustedAuthServId = TrustedServer;
            o.Webhooks.AllowPrivateTargets = true;
        }, importFaq: false, store: s => s.Services.AddSingleton<IEmailDirectory, Senders>());
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task SendAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await smtp.ConnectAsync("127.0.0.1", _smtpPort, MailKit.Security.SecureSocketOptions.None);
                break;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100); // the listener starts with the host, a moment after it
            }
        }

        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>A mail as the exchange's receiving server passes it on: its Authentication-Results (DMARC pass for the
    /// From domain) in front. Pass <paramref name="authenticated"/> false for a mail with no such proof.</summary>
    private static MimeMessage Mail(string from, string subject, string text, string to = "support@" + Domain, bool authenticated = true)
    {
        var message = new MimeMessage();
        if (authenticated)
        {
            var domain = MailboxAddress.Parse(from).Domain;
            message.Headers.Add(HeaderId.AuthenticationResults, $"{TrustedServer}; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}");
        }

        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.test");
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task<List<Ticket>> AgentTicketsAsync(string q) =>
        [.. (await _server.Agent().GetFromJsonAsync("/v1/agent/tickets?limit=100&q=" + Uri.EscapeDataString(q), SupportJsonContext.Default.PageTicket))!.Items];

    private async Task<List<TicketMessage>> MessagesAsync(string ticketId) =>
        [.. (await _server.Agent().GetFromJsonAsync($"/v1/agent/tickets/{ticketId}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items];

    [Test]
    public async Task A_mail_opens_a_ticket_on_the_senders_account_and_a_reply_by_mail_lands_on_it()
    {
        var subject = "Withdrawal stuck " + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(Mail("Alice <alice@mail.test>", subject, "My USDT withdrawal has been pending since yesterday."));
        var ticket = (await AgentTicketsAsync(subject)).Single();

        var reply = Mail("alice@mail.test", "Re: " + subject, "It was TRC20.\n\nOn Mon, Dec 7, 2026 Support <support@x> wrote:\n> Which network?\n> Thanks",
            to: "support+" + ticket.Id + "@" + Domain);
        await SendAsync(reply);
        var threaded = Mail("alice@mail.test", "Re: " + subject, "Any news?\n-- \nAlice, sent from my phone");
        threaded.InReplyTo = $"<{ticket.Id}.msg_01abc@{Domain}>";
        await SendAsync(threaded);

        using var user = await _server.UserAsync("mail-alice");
        var mine = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;
        var messages = await MessagesAsync(ticket.Id);
        Assert.Multiple(() =>
        {
            Assert.That((ticket.Customer.UserId, ticket.Customer.DisplayName), Is.EqualTo(("mail-alice", "Alice")), "the exchange vouched for the address");
            Assert.That(ticket.Tags, Is.EquivalentTo(new[] { "email" }));
            Assert.That(mine.Select(t => t.Id), Does.Contain(ticket.Id), "the customer sees it in the app too");
            Assert.That(messages.Select(m => m.Body), Is.EqualTo(new[] { "My USDT withdrawal has been pending since yesterday.", "It was TRC20.", "Any news?" }),
                "replies threaded by the reply address and by In-Reply-To, quoted history and signature cut");
        });
    }

    [Test]
    public async Task A_forged_from_never_reaches_the_real_account_or_its_tickets()
    {
        var subject = "Real " + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(Mail("alice@mail.test", subject, "The real Alice."));
        var real = (await AgentTicketsAsync(subject)).Single();
        var forgedSubject = "Forged " + Guid.NewGuid().ToString("N")[..6];
        var forged = Mail("alice@mail.test", forgedSubject, "Please change my withdrawal address.", to: "support+" + real.Id + "@" + Domain, authenticated: false);
        forged.Headers.Add(HeaderId.AuthenticationResults, "attacker.test; dmarc=pass header.from=mail.test");
        await SendAsync(forged);
        var wrongDomain = Mail("alice@mail.test", forgedSubject + " 2", "dkim by another domain", authenticated: false);
        wrongDomain.Headers.Add(HeaderId.AuthenticationResults, $"{TrustedServer}; dkim=pass header.d=attacker.test; spf=pass smtp.mailfrom=attacker.test");
        await SendAsync(wrongDomain);

        var forgedTickets = await AgentTicketsAsync(forgedSubject);
        Assert.Multiple(async () =>
        {
            Assert.That(real.Customer.UserId, Is.EqualTo("mail-alice"), "authenticated by the trusted server");
            Assert.That(forgedTickets.Select(t => (t.Customer.UserId, t.Tags!.Contains("unverified-sender"))),
                Is.EqualTo(new[] { ("email:alice@mail.test", true), ("email:alice@mail.test", true) }), "kept apart, flagged");
            Assert.That((await MessagesAsync(real.Id)).Select(m => m.Body), Is.EqualTo(new[] { "The real Alice." }), "nothing added to the real ticket");
        });
    }

    [Test]
    public async Task An_unknown_sender_is_unverified_html_is_made_text_and_a_spoof_of_the_exchanges_domain_is_flagged()
    {
        var subject = "Account question " + Guid.NewGuid().ToString("N")[..6];
        var html = Mail("bob@elsewhere.test", subject, "", authenticated: false);
        html.Body = new TextPart("html") { Text = "<html><head><style>p{}</style></head><body><p>Hello&nbsp;support,</p><p>my <b>KYC</b> is stuck.</p><script>alert(1)</script></body></html>" };
        await SendAsync(html);
        await using var security = await SupportSdk.Server.Tests.Webhooks.WebhookReceiver.StartAsync();
        using (var hook = await _server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{security.Url}}","events":["email.spoofed"]}""")))
        {
            Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var spoofSubject = "Security notice " + Guid.NewGuid().ToString("N")[..6];
        var forged = Mail("security@example-exchange.com", spoofSubject, "Your account will be closed, reply with your 2FA.", authenticated: false);
        forged.Headers.Add(HeaderId.AuthenticationResults, "evil-mx.test; dmarc=pass header.from=example-exchange.com"); // the sender's own word: ignored
        await SendAsync(forged);
        var alert = (await security.WaitForAsync(1, TimeSpan.FromSeconds(15)))[0].Event;
        var signedSubject = "Internal test " + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(Mail("ops@example-exchange.com", signedSubject, "A genuine internal mail."));

        var unknown = (await AgentTicketsAsync(subject)).Single();
        var spoof = (await AgentTicketsAsync(spoofSubject)).Single();
        var genuine = (await AgentTicketsAsync(signedSubject)).Single();
        var body = (await MessagesAsync(unknown.Id)).Single().Body;
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Customer.UserId, Is.EqualTo("email:bob@elsewhere.test"));
            Assert.That(unknown.Tags, Is.EquivalentTo(new[] { "email", "unverified-sender" }));
            Assert.That(body, Is.EqualTo("Hello support,\nmy KYC is stuck."), "text only: no tags, styles or scripts");
            Assert.That(spoof.Tags, Does.Contain("spoofed-sender"));
            Assert.That((alert.Type, alert.TicketId), Is.EqualTo(("email.spoofed", spoof.Id)), "the exchange's security team hears of it");
            Assert.That(alert.Data.GetProperty("from").GetString(), Is.EqualTo("security@example-exchange.com"));
            Assert.That(genuine.Tags, Does.Not.Contain("spoofed-sender"), "authentication passed");
        });
    }

    [Test]
    public async Task Attached_files_follow_the_upload_rules_and_a_secret_in_a_text_file_blocks_the_mail()
    {
        var subject = "Statement " + Guid.NewGuid().ToString("N")[..6];
        var mail = Mail("alice@mail.test", subject, "My bank statement is attached.");
        var body = new BodyBuilder { TextBody = "My bank statement is attached." };
        body.Attachments.Add("statement.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), new ContentType("application", "pdf"));
        body.Attachments.Add("tool.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], new ContentType("application", "octet-stream"));
        mail.Body = body.ToMessageBody();
        await SendAsync(mail);

        var secretSubject = "Backup " + Guid.NewGuid().ToString("N")[..6];
        var secret = Mail("alice@mail.test", secretSubject, "see the file");
        var withSecret = new BodyBuilder { TextBody = "see the file" };
        withSecret.Attachments.Add("backup.txt", Encoding.UTF8.GetBytes("my wallet words: " + Phrase), new ContentType("text", "plain"));
        secret.Body = withSecret.ToMessageBody();
        await SendAsync(secret);

        var ticket = (await AgentTicketsAsync(subject)).Single();
        var message = (await MessagesAsync(ticket.Id)).Single();
        using var file = await _server.Agent().GetAsync("/v1/attachments/" + message.Attachments.Single().Id);
        Assert.Multiple(async () =>
        {
            Assert.That(message.Attachments.Select(a => (a.FileName, a.ContentType)), Is.EqualTo(new[] { ("statement.pdf", "application/pdf") }));
            Assert.That(message.Body, Does.Contain("[attachment tool.exe not kept: not a PNG, JPEG, PDF or text file]"));
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await file.Content.ReadAsStringAsync(), Does.StartWith("%PDF-1.4"));
            Assert.That(await AgentTicketsAsync(secretSubject), Is.Empty, "a seed phrase in a text attachment blocks the whole mail");
        });
    }

    [Test]
    public async Task A_seed_phrase_mailed_in_is_not_stored_and_auto_replies_and_loops_are_dropped()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        await SendAsync(Mail("alice@mail.test", "Help " + marker, "Here are my words: " + Phrase));
        var auto = Mail("alice@mail.test", "Out of office " + marker, "I am away.");
        auto.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        await SendAsync(auto);
        var loop = Mail("alice@mail.test", "Loop " + marker, "support's own mail came back");
        loop.MessageId = $"tkt_01abcdefgh.msg_1@{Domain}";
        await SendAsync(loop);

        using var http = await PostRawAsync(Mail("alice@mail.test", "Again " + marker, "words " + Phrase));
        var result = await ReadAsync(http, SupportJsonContext.Default.InboundEmailResult);
        var stored = string.Join("\n", Directory.GetFiles(Path.GetDirectoryName(_server.DatabasePath)!, "support.db*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Multiple(async () =>
        {
            Assert.That(await AgentTicketsAsync(marker), Is.Empty, "no ticket for the secret, the auto-reply or the loop");
            Assert.That((http.StatusCode, result.Outcome, result.Reason), Is.EqualTo((HttpStatusCode.Accepted, "blocked", "sensitive_data_blocked")));
            Assert.That(stored, Does.Not.Contain("fiscal life smoke"), "the phrase is nowhere in the database files");
        });
    }

    [Test]
    public async Task The_same_mail_delivered_twice_opens_one_ticket_and_adds_one_reply()
    {
        var subject = "Delivered twice " + Guid.NewGuid().ToString("N")[..6];
        var mail = Mail("alice@mail.test", subject, "Where is my deposit?");
        await SendAsync(mail);
        await SendAsync(mail);
        using var again = await PostRawAsync(mail);
        var tickets = await AgentTicketsAsync(subject);
        var replayed = await ReadAsync(again, SupportJsonContext.Default.InboundEmailResult);

        var reply = Mail("alice@mail.test", "Re: " + subject, "Still nothing.", to: "support+" + tickets[0].Id + "@" + Domain);
        await SendAsync(reply);
        await SendAsync(reply);
        Assert.Multiple(async () =>
        {
            Assert.That(tickets, Has.Count.EqualTo(1));
            Assert.That((replayed.Outcome, replayed.TicketId), Is.EqualTo(("ticket_created", tickets[0].Id)), "the retry is answered from the record");
            Assert.That((await MessagesAsync(tickets[0].Id)).Select(m => m.Body), Is.EqualTo(new[] { "Where is my deposit?", "Still nothing." }));
        });
    }

    [Test]
    public async Task An_oversized_mail_and_a_malformed_one_are_refused_and_nothing_is_kept()
    {
        var marker = "Huge " + Guid.NewGuid().ToString("N")[..6];
        var huge = Mail("alice@mail.test", marker, new string('x', 20 * 1024 * 1024)); // a 20 MB mail
        var smtp = Assert.CatchAsync(() => SendAsync(huge));
        using var tooBig = await PostRawAsync(huge);
        using var garbage = await _server.Backend().PostAsync("/v1/email/inbound", new StringContent("this is not a mail at all", Encoding.UTF8, "message/rfc822"));
        using var empty = await _server.Backend().PostAsync("/v1/email/inbound", new StringContent(string.Empty, Encoding.UTF8, "message/rfc822"));
        using var asUser = await (await _server.UserAsync("mail-nobody")).PostAsync("/v1/email/inbound", new StringContent("From: a@b.c\r\n\r\nhi", Encoding.UTF8, "message/rfc822"));
        var rawReply = await RawSmtpAsync("not mime at all, no headers, no sender\r\n");
        Assert.Multiple(async () =>
        {
            Assert.That(smtp, Is.InstanceOf<SmtpCommandException>().Or.InstanceOf<SmtpProtocolException>(), "refused by SIZE");
            Assert.That(tooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            await AssertProblemAsync(garbage, HttpStatusCode.BadRequest, "invalid_email");
            await AssertProblemAsync(empty, HttpStatusCode.BadRequest, "invalid_email");
            Assert.That(asUser.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only the exchange's backend posts mail");
            Assert.That(rawReply, Does.StartWith("554"), "SMTP answers a malformed mail with a 5xx");
            Assert.That(await AgentTicketsAsync(marker), Is.Empty);
        });
    }

    private async Task<HttpResponseMessage> PostRawAsync(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        // As mail providers' hooks post large mail: the server refuses by Content-Length before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/email/inbound") { Content = content };
        request.Headers.ExpectContinue = true;
        return await _server.Backend().SendAsync(request);
    }

    /// <summary>Speaks SMTP by hand to send a DATA section no mail client would: returns the answer to the end of DATA.</summary>
    private async Task<string> RawSmtpAsync(string data)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _smtpPort);
        using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        async Task<string> LineAsync()
        {
            string line;
            do
            {
                line = await reader.ReadLineAsync() ?? string.Empty;
            }
            while (line.Length > 3 && line[3] == '-');
            return line;
        }

        await LineAsync();
        foreach (var command in new[] { "EHLO test", "MAIL FROM:<x@mail.test>", "RCPT TO:<support@" + Domain + ">", "DATA" })
        {
            await writer.WriteLineAsync(command);
            await LineAsync();
        }

        await writer.WriteAsync(data + ".\r\n");
        var answer = await LineAsync();
        await writer.WriteLineAsync("QUIT");
        return answer;
    }
}
