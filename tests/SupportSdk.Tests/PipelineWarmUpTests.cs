using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SupportSdk.Http;
using SupportSdk.Security;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>
/// The standard pipeline is built in the background; a call made before it is ready starts its first attempt at once.
/// An answer with nothing to retry is returned without waiting; anything else waits for the pipeline and is retried by it.
/// </summary>
[TestFixture]
public sealed class PipelineWarmUpTests
{
    private static HttpMessageInvoker Invoker(ScriptedHandler transport, Task<ResiliencePipeline<HttpResponseMessage>> pipeline, SupportClientOptions options) =>
        new(new SupportHandler(new SecureChannelPolicy(Endpoint, options), null,
            new ResilienceSetup(pipeline, options.TotalTimeout, options.AttemptTimeout, options.TimeProvider), new ApiKeyCredential(ApiKey), NullLogger.Instance)
        {
            InnerHandler = transport,
        });

    [Test]
    public async Task A_first_answer_with_nothing_to_retry_does_not_wait_for_the_pipeline()
    {
        var options = new SupportClientOptions();
        var transport = new ScriptedHandler().Then(HttpStatusCode.OK, TicketJson);
        var never = new TaskCompletionSource<ResiliencePipeline<HttpResponseMessage>>();
        using var invoker = Invoker(transport, never.Task, options);
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint + "v1/tickets/tkt_01");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(transport.Requests, Has.Count.EqualTo(1));
            Assert.That(never.Task.IsCompleted, Is.False);
        });
    }

    [Test]
    public async Task A_transient_first_answer_waits_for_the_pipeline_and_is_retried_by_it()
    {
        var time = new FakeTimeProvider { AutoAdvanceBelow = TimeSpan.FromSeconds(5) }; // the backoff, not the 10 s/30 s timeouts
        var options = new SupportClientOptions { TimeProvider = time };
        options.CircuitBreaker.Enabled = false;
        var building = new TaskCompletionSource<ResiliencePipeline<HttpResponseMessage>>();
        var transport = new ScriptedHandler()
            .Then((_, _) =>
            {
                // The pipeline becomes ready only after the first attempt has been answered.
                building.SetResult(SupportResilience.Build(options));
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            })
            .Then(HttpStatusCode.OK, TicketJson);
        using var invoker = Invoker(transport, building.Task, options);
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint + "v1/tickets/tkt_01");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(transport.Requests, Has.Count.EqualTo(2), "the early 503 counted as the pipeline's first attempt");
        });
    }

    [Test]
    public async Task An_early_attempt_the_pipeline_never_takes_is_cancelled_and_its_answer_disposed()
    {
        // The pipeline arrives with its circuit isolated, so Polly refuses the call without taking the early attempt.
        // No attempt timeout: only the SDK abandoning the attempt can end it.
        var options = new SupportClientOptions { AttemptTimeout = Timeout.InfiniteTimeSpan };
        var control = new Polly.CircuitBreaker.CircuitBreakerManualControl();
        var isolated = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions<HttpResponseMessage> { ManualControl = control })
            .Build();
        await control.IsolateAsync();
        var building = new TaskCompletionSource<ResiliencePipeline<HttpResponseMessage>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attemptCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new ScriptedHandler().Then(async (_, ct) =>
        {
            building.SetResult(isolated);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                attemptCancelled.SetResult();
                throw;
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = Invoker(transport, building.Task, options);
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint + "v1/tickets/tkt_01");

        Assert.ThrowsAsync<Polly.CircuitBreaker.IsolatedCircuitException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.That(await Task.WhenAny(attemptCancelled.Task, Task.Delay(TimeSpan.FromSeconds(30))), Is.SameAs(attemptCancelled.Task),
            "the abandoned attempt is cancelled, not left to run until its own timeout");
    }
}
