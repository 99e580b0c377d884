using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage.Sqlite;

namespace SupportSdk.Server.Tests;

/// <summary>What a host gets from <c>AddSupportServer</c> and <c>MapSupportApi</c>: options checked at start, every write
/// endpoint inside an idempotency scope, and a health endpoint that reports a store that stopped answering.</summary>
[TestFixture]
[NonParallelizable]
public sealed class HostingTests
{
    [Test]
    public async Task Bad_options_stop_the_host_at_start_with_every_problem_named_by_its_configuration_key()
    {
        var directory = Directory.CreateTempSubdirectory("supportsdk-options-").FullName;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddSupportServer(o =>
            {
                o.DatabasePath = Path.Combine(directory, "support.db");
                o.ApiKeys.Add("short-key-value");
                o.RateLimitPerSecond = 0;
                o.MaxAttachmentBytes = 10_000;
                o.AttachmentQuotaBytes = 5_000;
                o.SupportTimeZone = "Mars/Olympus_Mons";
                o.Webhooks.RetryDelays.Add(TimeSpan.Zero);
                o.Webhooks.AttemptTimeout = TimeSpan.FromMinutes(5);
            });
            await using var app = builder.Build();
            app.MapSupportApi();

            var error = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.That(error!.Failures, Is.EquivalentTo(new[]
            {
                "Support:ApiKeys:0 must be at least 24 characters.",
                "Support:AttachmentQuotaBytes must be at least MaxAttachmentBytes (was 5000).",
                "Support:RateLimitPerSecond must be at least 1 (was 0).",
                "Support:SupportTimeZone must be a time zone id such as UTC or Asia/Shanghai (was Mars/Olympus_Mons).",
                "Support:Webhooks:RetryDelays:0 must be from a moment to 7 days (was 00:00:00).",
                "Support:Webhooks:AttemptTimeout must be from 1 second to 1 minute (was 00:05:00).",
            }));
            Assert.That(error.Message, Does.Not.Contain("short-key-value"), "a key is never echoed");
            Assert.That(File.Exists(Path.Combine(directory, "support.db")), Is.False, "nothing is created before the options are valid");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Every_write_endpoint_runs_in_an_idempotency_scope()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Hosting.SupportApiEndpoint>() is not null)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .ToList();

        var scoped = endpoints.Where(e => e.Metadata.GetMetadata<IdempotentWrite>() is not null).Select(Name).ToList();
        var itself = endpoints.Where(e => e.Metadata.GetMetadata<RecordsIdempotencyItself>() is not null).Select(Name).ToList();
        var neither = endpoints.Select(Name).Except(scoped).Except(itself).ToList();

        Assert.That(endpoints, Has.Count.GreaterThanOrEqualTo(20), "the POST endpoints were found");
        Assert.That(itself, Is.EqualTo(new[] { "POST /v1/tickets" }), "only ticket creation records its key in its own transaction");
        Assert.That(scoped.Intersect(itself), Is.Empty, "one scope per write, never two");
        Assert.That(neither, Is.Empty, "every POST takes an Idempotency-Key");
    }

    private static string Name(RouteEndpoint endpoint) => "POST " + endpoint.RoutePattern.RawText!.TrimEnd('/');

    [Test]
    public async Task Health_reports_the_store_and_answers_503_when_it_stops_answering()
    {
        await using var server = await SupportServerHost.StartAsync();
        var client = server.Anonymous();
        using (var healthy = await client.GetAsync("/health"))
        {
            Assert.That(healthy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync());
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(body.RootElement.GetProperty("faqArticles").GetInt32(), Is.GreaterThan(0));
        }

        await server.Services.GetRequiredService<SqliteSupportStore>().DisposeAsync();
        using var unhealthy = await client.GetAsync("/health");
        Assert.That(unhealthy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        using var failed = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync());
        Assert.That(failed.RootElement.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
    }
}
