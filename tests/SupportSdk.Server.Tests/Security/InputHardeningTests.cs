using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SupportSdk.Server.Tests.Chat;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Security;

/// <summary>
/// Characters that deceive (control and bidirectional overrides), requests the HTTP server itself would refuse
/// without a body, markup disguised as text, and the OpenAPI document's servers.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class InputHardeningTests
{
    private SupportServerHost _server = null!;
    private HttpClient _user = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(importFaq: false);
        _user = await _server.UserAsync("hardening-user");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    public static IEnumerable<string> Deceptive() =>
    [
        "Refund \u202Etxt.exe",  // right-to-left override
        "Support\u2066 team\u2069", // isolates
        "line\u0000break", // NUL
        "bell\u0007", // C0
        "del\u007F", // DEL
        "c1\u0085next", // C1
        "embed\u202Aed",
    ];

    [TestCaseSource(nameof(Deceptive))]
    public async Task One_line_fields_refuse_control_and_bidi_characters(string text)
    {
        var json = (string value) => JsonSerializer.Serialize(value);
        await AssertProblemAsync(await _user.PostAsync("/v1/tickets", Json($$"""{"subject":{{json(text)}},"body":"hello","category":"account"}""")),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidCharacters);
        await AssertProblemAsync(await _server.Backend().PostAsync("/v1/user-tokens", Json($$"""{"userId":"u-bidi","displayName":{{json(text)}}}""")),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidCharacters);
        await AssertProblemAsync(await _user.PostAsync("/v1/channels/reports", Json($$"""{"input":{{json("https://x.example/" + text)}}}""")),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidCharacters);
        // HttpClient will not even write C0 controls into a Content-Disposition; the file name check is shown with the rest.
        if (!text.Any(c => c < ' '))
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes("plain"));
            using var form = new MultipartFormDataContent { { file, "file", "a" + text + ".txt" } };
            await AssertProblemAsync(await _user.PostAsync("/v1/attachments", form), HttpStatusCode.BadRequest, ErrorCodes.InvalidCharacters);
        }
    }

    [TestCaseSource(nameof(Deceptive))]
    public async Task Bodies_keep_their_words_without_the_deceptive_characters(string text)
    {
        var ticket = await CreateTicketAsync(_user, new CreateTicketRequest { Subject = "help", Body = "see: " + text, Category = TicketCategory.Account });
        var messages = await ReadAsync(await _user.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);
        var stored = messages.Items.Single().Body;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Any(c => SupportSdk.Security.UnsafeCharacters.IsUnsafe(c)), Is.False, stored);
            Assert.That(stored, Does.StartWith("see: " + text[..2]));
        });
    }

    [Test]
    public async Task Tab_and_line_breaks_and_plain_unicode_are_kept()
    {
        const string Body = "first line\n\tsecond — 第二行 ✓ العربية";
        var ticket = await CreateTicketAsync(_user, new CreateTicketRequest { Subject = "Ünïcödé 主题 ✓", Body = Body, Category = TicketCategory.Account });
        var messages = await ReadAsync(await _user.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);
        Assert.That((ticket.Subject, messages.Items.Single().Body), Is.EqualTo(("Ünïcödé 主题 ✓", Body)));
    }

    [Test]
    public async Task An_over_long_url_answers_414_problem_json()
    {
        using var response = await _user.GetAsync("/v1/tickets?status=" + new string('a', 10_000));
        await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong, ErrorCodes.BadRequest);
    }

    [Test]
    public async Task Over_large_headers_answer_431_problem_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tickets");
        for (var i = 0; i < 10; i++)
        {
            request.Headers.Add("X-Padding-" + i, new string('p', 4000));
        }

        await AssertProblemAsync(await _user.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, ErrorCodes.BadRequest);
    }

    [Test]
    public async Task A_header_value_with_control_characters_answers_400_problem_json()
    {
        // HttpClient refuses to send such a header, so the request is written on a raw socket.
        var raw = await RawAsync("GET /v1/faq/sections HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\nConnection: close\r\n\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(raw, Does.StartWith("HTTP/1.1 400"));
            Assert.That(raw, Does.Contain("application/problem+json"));
            Assert.That(raw, Does.Contain("\"code\":\"bad_request\""));
        });
    }

    [Test]
    public async Task The_openapi_document_never_copies_the_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        using var response = await _server.Anonymous().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Not.Contain("evil.example"));
            Assert.That(text, Does.Contain("\"paths\""));
        });
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("notes\n\n\n" + "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [TestCase("                                                                 <html><body>hi</body></html>")]
    [TestCase("hello there, this looks like text at first\r\n<!DOCTYPE html><p>then it is markup</p>")]
    [TestCase("a,b\n1,2\n<iframe src=https://evil.example></iframe>")]
    public async Task Markup_is_refused_as_an_attachment_wherever_it_starts(string text)
    {
        var padded = new string(' ', 300) + text;
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(padded));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var form = new MultipartFormDataContent { { file, "file", "notes.txt" } };
        await AssertProblemAsync(await _user.PostAsync("/v1/attachments", form), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Test]
    public async Task Logs_and_csv_files_are_still_accepted()
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("time,event\n2026-12-01T09:00Z,withdrawal 0.5 BTC pending\n2026-12-01T09:05Z,a < b and b > c\n"));
        using var form = new MultipartFormDataContent { { file, "file", "history.csv" } };
        var info = await ReadAsync(await _user.PostAsync("/v1/attachments", form), SupportJsonContext.Default.AttachmentInfo);
        Assert.That(info.ContentType, Is.EqualTo("text/plain"));
    }

    private async Task<string> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(ChatTestKit.Patience);
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
