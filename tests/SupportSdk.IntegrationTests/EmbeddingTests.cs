using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk.Server;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The server mounted as an exchange mounts it: under <c>/support/v1</c> in a host that has its own cookie-authenticated
/// page (the default authentication scheme is the host's) and its own rate-limited endpoint (with its own rejection
/// status). Each side keeps its own behaviour: neither side's authentication, limits or error answers reach the other.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class EmbeddingTests
{
    private const string Prefix = "/support/v1";
    private const int HostQuotePermits = 3;
    private const int SupportBurst = 10;

    private WebApplication _app = null!;
    private string _directory = null!;
    private Uri _address = null!;
    private readonly List<HttpClient> _clients = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("supportsdk-embed-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // The host's own things first: cookie sign-in as its default scheme, a fixed-window limiter answering 503.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => o.LoginPath = "/login");
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            o.AddFixedWindowLimiter("quotes", l =>
            {
                l.PermitLimit = HostQuotePermits;
                l.Window = TimeSpan.FromHours(1);
                l.QueueLimit = 0;
            });
        });

        builder.Services.AddSupportServer(o =>
        {
            o.DatabasePath = Path.Combine(_directory, "support.db");
            o.ApiKeys.Add(SupportServerHost.ApiKey);
            o.AgentKeys[SupportServerHost.AgentName] = SupportServerHost.AgentKey;
            o.RateLimitPerSecond = 1;
            o.RateLimitBurst = SupportBurst;
            SupportServerHost.UseDemoChannels(o.OfficialChannels);
        });
        builder.Services.AddSupportOpenApi("support");

        _app = builder.Build();
        _app.UseWebSockets();
        _app.UseRateLimiter();
        _app.MapPost("/login", async (HttpContext http) =>
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "host-user")], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(new ClaimsPrincipal(identity));
            return Results.NoContent();
        });
        _app.MapGet("/account", (ClaimsPrincipal user) => "account of " + user.Identity!.Name).RequireAuthorization();
        _app.MapGet("/quotes", () => "BTC 1").RequireRateLimiting("quotes");
        _app.MapSupportApi(Prefix);
        _app.MapSupportHealthChecks("/support/health");
        _app.MapOpenApi();
        await _app.StartAsync();
        await _app.Services.GetRequiredService<SupportServerAdmin>().ImportZendeskHelpCenterAsync([TestData.HelpCenter]);
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private HttpClient Http(string? bearer = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = _address,
        };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        _clients.Add(client);
        return client;
    }

    private static SupportClientOptions Options() => new() { AllowInsecureLoopback = true };

    private SupportClient Sdk(SupportCredential credential) => new(new Uri(_address, "/support/"), credential, Options());

    private async Task<string> UserTokenAsync(string userId)
    {
        using var backend = Sdk(new ApiKeyCredential(SupportServerHost.ApiKey));
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "User " + userId, Locale = "en-us" });
        return token.Token;
    }

    private static async Task AssertSupportProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("code").GetString(), Is.EqualTo(code));
    }

    [Test]
    public async Task The_sdk_works_under_the_prefix_tickets_faq_and_live_chat_over_websockets()
    {
        using var user = Sdk(new UserTokenCredential(await UserTokenAsync("embed-sdk")));
        var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "Deposit not credited", Body = "My USDT deposit is missing.", Category = "deposit" });
        var listed = new List<Ticket>();
        await foreach (var t in user.Tickets.GetTicketsAsync())
        {
            listed.Add(t);
        }

        Assert.That(listed.Select(t => t.Id), Is.EqualTo(new[] { ticket.Id }));
        var found = await user.Faq.SearchArticlesAsync("withdrawal pending");
        Assert.That(found.Items, Is.Not.Empty);

        await using var chat = await user.Chat.StartChatAsync();
        await using var events = chat.ReadEventsAsync().GetAsyncEnumerator();
        await chat.SendMessageAsync("my withdrawal is pending");
        while (await events.MoveNextAsync())
        {
            if (events.Current is ChatMessageEvent bot && bot.From.Role == AuthorRole.Bot)
            {
                Assert.That(bot.Text, Is.Not.Empty);
                return;
            }
        }

        Assert.Fail("the chat ended before the bot answered");
    }

    [Test]
    public async Task Locations_health_and_the_openapi_document_name_the_prefix()
    {
        using var created = await Http(await UserTokenAsync("embed-location")).PostAsync(Prefix + "/tickets",
            new StringContent("""{"subject":"Card payment failed","body":"It was declined.","category":"trading"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(created.Headers.Location?.OriginalString, Does.StartWith(Prefix + "/tickets/tkt_"));

        using var health = await Http().GetAsync("/support/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(body.RootElement.GetProperty("faqArticles").GetInt32(), Is.GreaterThan(0));
        }

        using var document = JsonDocument.Parse(await Http().GetStringAsync("/openapi/support.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Has.Count.GreaterThan(20));
        Assert.That(paths, Has.All.StartWith(Prefix + "/"), "only the Support API, all under its prefix");
        Assert.That(paths, Does.Contain(Prefix + "/tickets"));
    }

    [Test]
    public async Task The_hosts_cookie_page_keeps_its_own_scheme_and_support_credentials_do_not_open_it()
    {
        using var anonymous = await Http().GetAsync("/account");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the host's cookie challenge, not a Support 401");
        Assert.That(anonymous.Headers.Location?.AbsolutePath, Is.EqualTo("/login"));

        using var withToken = await Http(await UserTokenAsync("embed-token-on-host")).GetAsync("/account");
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a Support user token is not a host login");
        using var withApiKey = await Http(SupportServerHost.ApiKey).GetAsync("/account");
        Assert.That(withApiKey.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a Support API key is not a host login");

        var cookies = new CookieContainer();
        var browser = Http(cookies: cookies);
        using (var login = await browser.PostAsync("/login", null))
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await browser.GetStringAsync("/account"), Is.EqualTo("account of host-user"));

        // The host's login cookie is not a Support credential: the API answers with its own problem, not a redirect.
        await AssertSupportProblemAsync(await browser.GetAsync(Prefix + "/tickets"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task Unknown_paths_are_answered_by_whoever_owns_them()
    {
        await AssertSupportProblemAsync(await Http().GetAsync(Prefix + "/no-such-route"), HttpStatusCode.NotFound, "not_found");
        await AssertSupportProblemAsync(await Http().DeleteAsync(Prefix + "/tickets"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");

        foreach (var path in new[] { "/no-such-page", "/v1/tickets", "/support/elsewhere" })
        {
            using var response = await Http().GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("application/problem+json"), path + " is the host's, not the Support API's");
        }
    }

    [Test]
    public async Task Each_side_spends_only_its_own_rate_limit()
    {
        // Exhaust the Support API's per-caller limit for one user.
        var noisy = Http(await UserTokenAsync("embed-noisy"));
        HttpResponseMessage? refused = null;
        for (var i = 0; i < SupportBurst * 4 && refused is null; i++)
        {
            var response = await noisy.GetAsync(Prefix + "/tickets");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                response.Dispose();
            }
        }

        Assert.That(refused, Is.Not.Null, "the Support API's own limit applies under the prefix");
        await AssertSupportProblemAsync(refused!, HttpStatusCode.TooManyRequests, "rate_limited");

        // The host's endpoint still has every permit, and rejects with the host's own status when they are spent.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= HostQuotePermits; i++)
        {
            using var quote = await noisy.GetAsync("/quotes");
            statuses.Add(quote.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.OK, HostQuotePermits).Append(HttpStatusCode.ServiceUnavailable)));

        // With the host's limit spent, another Support caller is served, and the noisy one is still refused by ours.
        using var quiet = await Http(await UserTokenAsync("embed-quiet")).GetAsync(Prefix + "/tickets");
        Assert.That(quiet.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertSupportProblemAsync(await noisy.GetAsync(Prefix + "/tickets"), HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
