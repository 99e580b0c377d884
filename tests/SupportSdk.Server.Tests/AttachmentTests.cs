using System.Net;
using System.Net.Http.Headers;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class AttachmentTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3];
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(o => o.MaxAttachmentBytes = 4096, importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string declaredType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("/v1/attachments", form);
    }

    [Test]
    public async Task The_type_comes_from_the_bytes_not_the_name_or_header()
    {
        var user = await _server.UserAsync("sniff-user");
        var info = await ReadAsync(await UploadAsync(user, Png, "..\\..\\evil.txt", "application/octet-stream"), SupportJsonContext.Default.AttachmentInfo);
        var pdf = await ReadAsync(await UploadAsync(user, "%PDF-1.7\n..."u8.ToArray(), "statement.pdf", "text/plain"), SupportJsonContext.Default.AttachmentInfo);
        var text = await ReadAsync(await UploadAsync(user, "订单号 12345"u8.ToArray(), "note.txt", "text/plain"), SupportJsonContext.Default.AttachmentInfo);

        Assert.Multiple(() =>
        {
            Assert.That(info.ContentType, Is.EqualTo("image/png"));
            Assert.That(info.FileName, Does.Not.Contain("\\").And.Not.Contain("\"").And.Not.Contain("/"));
            Assert.That(info.Size, Is.EqualTo(Png.Length));
            Assert.That(pdf.ContentType, Is.EqualTo("application/pdf"));
            Assert.That(text.ContentType, Is.EqualTo("text/plain"));
        });
    }

    [TestCase("<html><script>alert(1)</script></html>", "page.png")]
    [TestCase("<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg")]
    [TestCase("MZ\u0090\u0000\u0003", "setup.exe")]
    public async Task Types_outside_the_allowlist_answer_415(string content, string name)
    {
        var user = await _server.UserAsync("reject-user");
        using var response = await UploadAsync(user, System.Text.Encoding.Latin1.GetBytes(content), name, "image/png");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Test]
    public async Task Files_over_the_cap_answer_413()
    {
        var user = await _server.UserAsync("big-user");
        using var response = await UploadAsync(user, [.. Png, .. new byte[5000]], "big.png", "image/png");
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Test]
    public async Task Uploads_need_multipart_with_one_file_part()
    {
        var user = await _server.UserAsync("shape-user");
        await AssertProblemAsync(await user.PostAsync("/v1/attachments", Json("{}")), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "notfile" } };
        await AssertProblemAsync(await user.PostAsync("/v1/attachments", form), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    [Test]
    public async Task Attached_files_show_on_the_message_and_download_for_owner_and_agent_only()
    {
        var owner = await _server.UserAsync("owner-user");
        var stranger = await _server.UserAsync("stranger-user");
        var upload = await ReadAsync(await UploadAsync(owner, Png, "proof.png", "image/png"), SupportJsonContext.Default.AttachmentInfo);
        var ticket = await CreateTicketAsync(owner, new CreateTicketRequest { Subject = "Proof", Body = "see screenshot", Category = TicketCategory.Deposit, AttachmentIds = [upload.Id] });
        var messages = await ReadAsync(await owner.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);

        using var ownerDownload = await owner.GetAsync($"/v1/attachments/{upload.Id}");
        using var agentDownload = await _server.Agent().GetAsync($"/v1/attachments/{upload.Id}");
        using var strangerDownload = await stranger.GetAsync($"/v1/attachments/{upload.Id}");

        Assert.Multiple(async () =>
        {
            Assert.That(messages.Items[0].Attachments.Select(a => a.Id), Is.EqualTo(new[] { upload.Id }));
            Assert.That(await ownerDownload.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
            Assert.That(ownerDownload.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(ownerDownload.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(agentDownload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        await AssertProblemAsync(strangerDownload, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
    }

    [Test]
    public async Task Only_your_own_unattached_uploads_can_be_attached()
    {
        var owner = await _server.UserAsync("claim-owner");
        var thief = await _server.UserAsync("claim-thief");
        var upload = await ReadAsync(await UploadAsync(owner, Png, "a.png", "image/png"), SupportJsonContext.Default.AttachmentInfo);
        var request = new CreateTicketRequest { Subject = "s", Body = "b", Category = TicketCategory.Other, AttachmentIds = [upload.Id] };

        await AssertProblemAsync(await thief.PostAsync("/v1/tickets", Json(request, SupportJsonContext.Default.CreateTicketRequest)), HttpStatusCode.BadRequest, ErrorCodes.InvalidAttachment);
        await CreateTicketAsync(owner, request);
        await AssertProblemAsync(await owner.PostAsync("/v1/tickets", Json(request, SupportJsonContext.Default.CreateTicketRequest)), HttpStatusCode.BadRequest, ErrorCodes.InvalidAttachment);
    }
}
