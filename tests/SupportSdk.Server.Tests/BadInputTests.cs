using System.Net;
using System.Net.Sockets;
using System.Text;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

/// <summary>
/// Bad input on every kind of endpoint answers a 4xx problem+json with a stable code — never a 500 — and the server
/// keeps serving afterwards.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class BadInputTests
{
    private SupportServerHost _server = null!;
    private HttpClient _user = null!;
    private Ticket _ticket = null!;
    private SupportSdk.ChatThread _chat = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(o => o.MaxRequestBodyBytes = 16 * 1024);
        _user = await _server.UserAsync("bad-input-user");
        _ticket = await CreateTicketAsync(_user);
        _chat = await Chat.ChatTestKit.StartChatAsync(_user, "agent");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TearDown]
    public async Task ServerStillServesAsync()
    {
        using var health = await _server.Anonymous().GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server must survive bad input");
    }

    private static IEnumerable<TestCaseData> JsonBodies()
    {
        string[] posts = ["/v1/tickets", "/v1/tickets/{id}/messages", "/v1/tickets/{id}/rating", "/v1/tickets/{id}/escalate", "/v1/faq/articles/1001/feedback",
            "/v1/chats", "/v1/chats/{chat}/messages", "/v1/chats/{chat}/read"];
        foreach (var path in posts)
        {
            yield return new TestCaseData(path, "{\"subject\": ", ErrorCodes.InvalidJson).SetName($"{path} truncated JSON");
            yield return new TestCaseData(path, "[1,2,3]", ErrorCodes.InvalidJson).SetName($"{path} array instead of object");
            yield return new TestCaseData(path, "null", ErrorCodes.InvalidJson).SetName($"{path} null body");
            yield return new TestCaseData(path, "{'single':'quotes'}", ErrorCodes.InvalidJson).SetName($"{path} not JSON");
        }

        yield return new TestCaseData("/v1/tickets", """{"subject":5,"body":"b","category":"other"}""", ErrorCodes.InvalidJson).SetName("subject as a number");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":7}""", ErrorCodes.InvalidJson).SetName("category as a number");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"other","transaction":{"amount":"lots"}}""", ErrorCodes.InvalidJson).SetName("amount as text");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"other","attachmentIds":"att_1"}""", ErrorCodes.InvalidJson).SetName("attachmentIds not a list");
        yield return new TestCaseData("/v1/tickets", "{}", ErrorCodes.ValidationFailed).SetName("missing every field");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b"}""", ErrorCodes.ValidationFailed).SetName("missing category");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"crypto-magic"}""", ErrorCodes.ValidationFailed).SetName("unknown category");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"other","priority":"asap"}""", ErrorCodes.ValidationFailed).SetName("unknown priority");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"other","locale":"not a locale!"}""", ErrorCodes.ValidationFailed).SetName("bad locale");
        yield return new TestCaseData("/v1/tickets", """{"subject":"   ","body":"b","category":"other"}""", ErrorCodes.ValidationFailed).SetName("blank subject");
        yield return new TestCaseData("/v1/tickets", $$"""{"subject":"{{new string('s', 201)}}","body":"b","category":"other"}""", ErrorCodes.ValidationFailed).SetName("subject too long");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"deposit","transaction":{"asset":"USDT","network":"TRC20","txId":"nope","amount":1,"direction":"sideways"}}""", ErrorCodes.ValidationFailed).SetName("bad transaction");
        yield return new TestCaseData("/v1/tickets", """{"subject":"s","body":"b","category":"other","attachmentIds":["att_doesnotexist"]}""", ErrorCodes.InvalidAttachment).SetName("unknown attachment");
        yield return new TestCaseData("/v1/tickets/{id}/rating", """{"score":"five"}""", ErrorCodes.InvalidJson).SetName("score as text");
        yield return new TestCaseData("/v1/tickets/{id}/messages", """{"body":""}""", ErrorCodes.ValidationFailed).SetName("empty reply");
        yield return new TestCaseData("/v1/chats", """{"topic":5}""", ErrorCodes.InvalidJson).SetName("chat topic as a number");
        yield return new TestCaseData("/v1/chats", $$"""{"topic":"{{new string('t', 201)}}"}""", ErrorCodes.ValidationFailed).SetName("chat topic too long");
        yield return new TestCaseData("/v1/chats", """{"locale":"not a locale!"}""", ErrorCodes.ValidationFailed).SetName("chat bad locale");
        yield return new TestCaseData("/v1/chats/{chat}/messages", "{}", ErrorCodes.ValidationFailed).SetName("chat message missing fields");
        yield return new TestCaseData("/v1/chats/{chat}/messages", """{"clientMessageId":"has space","text":"x"}""", ErrorCodes.ValidationFailed).SetName("chat clientMessageId with a space");
        yield return new TestCaseData("/v1/chats/{chat}/messages", $$"""{"clientMessageId":"{{new string('c', 65)}}","text":"x"}""", ErrorCodes.ValidationFailed).SetName("chat clientMessageId too long");
        yield return new TestCaseData("/v1/chats/{chat}/messages", """{"clientMessageId":"ok","text":"  "}""", ErrorCodes.ValidationFailed).SetName("chat blank text");
        yield return new TestCaseData("/v1/chats/{chat}/messages", $$"""{"clientMessageId":"ok","text":"{{new string('x', 4001)}}"}""", ErrorCodes.ValidationFailed).SetName("chat text too long");
        yield return new TestCaseData("/v1/chats/{chat}/messages", """{"clientMessageId":1,"text":"x"}""", ErrorCodes.InvalidJson).SetName("chat clientMessageId as a number");
        yield return new TestCaseData("/v1/chats/{chat}/read", """{"upToSeq":"one"}""", ErrorCodes.InvalidJson).SetName("chat upToSeq as text");
        yield return new TestCaseData("/v1/chats/{chat}/read", """{"upToSeq":999}""", ErrorCodes.ValidationFailed).SetName("chat upToSeq beyond the last seq");
        yield return new TestCaseData("/v1/chats/{chat}/read", """{"upToSeq":-1}""", ErrorCodes.ValidationFailed).SetName("chat negative upToSeq");
    }

    [TestCaseSource(nameof(JsonBodies))]
    public async Task Malformed_or_invalid_bodies_answer_400(string path, string body, string code)
    {
        using var response = await _user.PostAsync(path.Replace("{id}", _ticket.Id).Replace("{chat}", _chat.Id), Json(body));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [TestCase("/v1/chats?cursor=garbage", ErrorCodes.InvalidCursor, false)]
    [TestCase("/v1/chats?status=lost", ErrorCodes.InvalidQuery, false)]
    [TestCase("/v1/chats/{chat}/messages?after=x", ErrorCodes.InvalidQuery, false)]
    [TestCase("/v1/chats/{chat}/messages?limit=500", ErrorCodes.InvalidQuery, false)]
    [TestCase("/v1/chats/{chat}/messages?cursor=bWVzc2FnZXM6MQ", ErrorCodes.InvalidCursor, false)]
    [TestCase("/v1/chats/{chat}/events?wait=3600", ErrorCodes.InvalidQuery, false)]
    [TestCase("/v1/chats/{chat}/transcript?format=pdf", ErrorCodes.InvalidQuery, false)]
    [TestCase("/v1/agent/chats?state=closed", ErrorCodes.InvalidQuery, true)]
    [TestCase("/v1/agent/chats?state=lost", ErrorCodes.InvalidQuery, true)]
    [TestCase("/v1/agent/chats?cursor=garbage", ErrorCodes.InvalidCursor, true)]
    [TestCase("/v1/agent/chats/{chat}/events?after=-1", ErrorCodes.InvalidQuery, true)]
    public async Task Bad_chat_query_parameters_answer_400(string url, string code, bool asAgent)
    {
        using var response = await (asAgent ? _server.Agent() : _user).GetAsync(url.Replace("{chat}", _chat.Id));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [TestCase("/v1/chats/not-an-id")]
    [TestCase("/v1/chats/cht_00000000000000000000000000")]
    [TestCase("/v1/chats/cht_%27%20OR%201%3D1/messages")]
    [TestCase("/v1/agent/chats/cht_00000000000000000000000000")]
    public async Task Unknown_chat_ids_answer_404(string url)
    {
        using var response = await (url.StartsWith("/v1/agent", StringComparison.Ordinal) ? _server.Agent() : _user).GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.ChatNotFound);
    }

    [Test]
    public async Task Validation_errors_name_every_bad_field()
    {
        using var response = await _user.PostAsync("/v1/tickets", Json("""{"subject":"","body":"","category":"nope","priority":"now"}"""));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.That(problem.Errors!.Keys, Is.EquivalentTo(new[] { "subject", "body", "category", "priority" }));
    }

    [TestCase("/v1/tickets?cursor=garbage", ErrorCodes.InvalidCursor)]
    [TestCase("/v1/tickets?cursor=bWVzc2FnZXM6MQ", ErrorCodes.InvalidCursor)] // a messages cursor on the tickets list
    [TestCase("/v1/tickets?limit=0", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/tickets?limit=1000", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/tickets?limit=ten", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/tickets?status=lost", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/faq/search", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/faq/search?q=", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/faq/search?q=fees&locale=!!", ErrorCodes.InvalidQuery)]
    [TestCase("/v1/faq/search?q=fees&limit=-1", ErrorCodes.InvalidQuery)]
    public async Task Bad_query_parameters_answer_400(string url, string code)
    {
        using var response = await _user.GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Test]
    public async Task A_cursor_from_another_list_or_tampered_is_refused()
    {
        var messages = await ReadAsync(await _user.GetAsync($"/v1/tickets/{_ticket.Id}/messages?limit=1"), SupportJsonContext.Default.PageTicketMessage);
        Assert.That(messages.Items, Has.Count.EqualTo(1));
        using var response = await _user.GetAsync("/v1/tickets?cursor=" + Cursor("tickets:tkt_../../etc"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidCursor);
    }

    [Test]
    public async Task A_body_over_the_limit_answers_413()
    {
        var huge = $$"""{"subject":"s","body":"{{new string('x', 64 * 1024)}}","category":"other"}""";
        using var response = await _user.PostAsync("/v1/tickets", Json(huge));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Test]
    public async Task A_chunked_body_over_the_limit_answers_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"subject":"s","body":"{{new string('x', 64 * 1024)}}","category":"other"}""")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _user.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Test]
    public async Task Huge_headers_are_refused_by_the_server_with_a_4xx()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/status");
        request.Headers.Add("X-Filler", new string('h', 64 * 1024));
        using var response = await _server.Anonymous().SendAsync(request);
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [Test]
    public async Task A_body_that_is_not_json_answers_415()
    {
        using var response = await _user.PostAsync("/v1/tickets", new StringContent("subject=s&body=b", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [TestCase("/v1/tickets/not-an-id")]
    [TestCase("/v1/tickets/tkt_00000000000000000000000000")]
    [TestCase("/v1/tickets/..%2F..%2Fhealth")]
    [TestCase("/v1/tickets/tkt_%27%20OR%201%3D1")]
    public async Task Unknown_or_malformed_ids_answer_404(string url)
    {
        using var response = await _user.GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.TicketNotFound);
    }

    [Test]
    public async Task A_nul_byte_in_the_path_is_refused_before_routing()
    {
        using var response = await _user.GetAsync("/v1/tickets/%00");
        Assert.That((int)response.StatusCode, Is.InRange(400, 404));
    }

    [Test]
    public async Task Unknown_routes_and_methods_answer_problem_json()
    {
        await AssertProblemAsync(await _user.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await AssertProblemAsync(await _user.DeleteAsync("/v1/tickets"), HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        await AssertProblemAsync(await _user.GetAsync("/v1/faq/articles/999999"), HttpStatusCode.NotFound, ErrorCodes.ArticleNotFound);
        await AssertProblemAsync(await _user.GetAsync("/v1/faq/articles/abc"), HttpStatusCode.NotFound, ErrorCodes.ArticleNotFound);
    }

    [Test]
    public async Task Malformed_authorization_headers_answer_401()
    {
        foreach (var header in new[] { "Basic dXNlcjpwYXNz", "Bearer", "Bearer " + new string('a', 5000), "Bearer sut1.x.y", "Bearer ssk_api_wrong_but_long_enough_000000" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tickets");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await _server.Anonymous().SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }
    }

    [Test]
    public async Task A_client_that_hangs_up_mid_body_does_not_hurt_the_server()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
        var head = $"POST /v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nAuthorization: {_user.DefaultRequestHeaders.Authorization}\r\n\r\n{{\"subject\":";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        socket.Close();
        using var response = await _user.GetAsync($"/v1/tickets/{_ticket.Id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static string Cursor(string raw) => Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
