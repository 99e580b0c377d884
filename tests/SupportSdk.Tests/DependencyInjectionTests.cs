using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

[TestFixture]
public sealed class DependencyInjectionTests
{
    private sealed class CountingHandler : DelegatingHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            Assert.That(request.Headers.Authorization?.Parameter, Is.EqualTo(ApiKey), "custom handlers run after authentication");
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task AddSupportClient_binds_options_and_runs_added_handlers_on_every_attempt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportClient:Endpoint"] = Endpoint.ToString(),
            ["SupportClient:ApiKey"] = ApiKey,
            ["SupportClient:DefaultLocale"] = "zh-cn",
            ["SupportClient:Retry:MaxRetries"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SupportClientOptions>(configuration.GetSection("SupportClient"));
        var counting = new CountingHandler();
        var script = new ScriptedHandler().Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK, """{"items":[]}""");
        var builder = services.AddSupportClient(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1));
        builder.AddHttpMessageHandler(() => counting).ConfigurePrimaryHttpMessageHandler(() => script);

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<SupportClient>();
        var results = await client.Faq.SearchArticlesAsync("提现");

        Assert.Multiple(() =>
        {
            Assert.That(builder, Is.InstanceOf<IHttpClientBuilder>());
            Assert.That(provider.GetRequiredService<SupportClient>(), Is.SameAs(client), "one client, shared");
            Assert.That(results.Items, Is.Empty);
            Assert.That(counting.Calls, Is.EqualTo(2), "the added handler ran on both attempts");
            Assert.That(script.Requests[0].PathAndQuery, Does.Contain("locale=zh-cn"), "options bound from configuration");
            Assert.That(script.Requests.Select(r => r.Headers["X-Request-Id"]).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_missing_endpoint_or_credential_fails_clearly_when_resolved()
    {
        var services = new ServiceCollection();
        services.AddSupportClient(o => o.Endpoint = Endpoint);
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SupportClient>());
        Assert.That(error!.Message, Does.Contain("Credential or ApiKey"));
    }
}
