using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>The SupportDesk agent console page: served self-contained, locked down, and using only the agent API.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed partial class AgentConsoleTests
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        SupportDesk.AgentConsole.Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/agent", "text/html")]
    [TestCase("/agent/console.js", "text/javascript")]
    [TestCase("/agent/console.css", "text/css")]
    public async Task Each_part_is_served_with_a_strict_content_security_policy(string path, string mediaType)
    {
        using var response = await _http.GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
            Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"), "Chinese text must render");
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Not.Contain("unsafe-inline"));
        });
    }

    [Test]
    public async Task The_page_loads_nothing_from_other_hosts_and_calls_only_the_agent_api()
    {
        var html = await _http.GetStringAsync("/agent");
        var script = await _http.GetStringAsync("/agent/console.js");
        var apiPaths = ApiPath().Matches(script).Select(m => m.Value).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(html + script, Does.Not.Contain("http://").And.Not.Contain("https://cdn").And.Not.Contain("//unpkg"));
            Assert.That(html, Does.Not.Contain("<script>"), "no inline script");
            Assert.That(apiPaths, Is.Not.Empty);
            // The agent API, and the team's list (GET /v1/agents, which an agent key may read) for the assignee picker.
            Assert.That(apiPaths.Where(p => p != "/v1/agents"), Is.All.StartWith("/v1/agent/"), string.Join(", ", apiPaths));
            Assert.That(script, Does.Contain("sessionStorage").And.Not.Contain("localStorage"), "the key lives only as long as the tab");
            Assert.That(script, Does.Contain("textContent").And.Not.Contain("innerHTML"), "chat text is never parsed as HTML");
            Assert.That(script, Does.Contain("/events?after="), "follows chats by long-poll");
        });
    }

    [GeneratedRegex(@"/v1/[a-z\-/]*")]
    private static partial Regex ApiPath();
}
