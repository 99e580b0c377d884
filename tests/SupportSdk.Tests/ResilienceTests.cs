using System.Net;
using System.Net.Http.Headers;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>R1–R8, R10, R14 of the team's test plan, with a scripted transport and a fake clock: nothing really sleeps.</summary>
[TestFixture]
public sealed class ResilienceTests
{
    public enum Fault
    {
        Status408,
        Status429,
        Status500,
        Status502,
        Status503,
        Status504,
        TransportError,
        AttemptTimeout,
    }

    private static ScriptedHandler FailOnceThenSucceed(Fault fault)
    {
        var handler = new ScriptedHandler();
        _ = fault switch
        {
            Fault.TransportError => handler.ThenThrow(new HttpRequestException("connection reset")),
            Fault.AttemptTimeout => handler.ThenHang(),
            _ => handler.Then((HttpStatusCode)int.Parse(fault.ToString()[6..], System.Globalization.CultureInfo.InvariantCulture)),
        };
        return handler.Then(HttpStatusCode.OK, TicketJson);
    }

    [Test]
    public async Task R1_each_transient_failure_is_retried_exactly_once_then_succeeds([Values] Fault fault)
    {
        var time = new RecordingTimeProvider();
        var handler = FailOnceThenSucceed(fault);
        using var client = Create(handler, time);

        var ticket = await time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.Multiple(() =>
        {
            Assert.That(ticket.Id, Is.EqualTo("tkt_01"));
            Assert.That(handler.Requests, Has.Count.EqualTo(2));
        });
    }

    [TestCase(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    [TestCase(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden, ErrorCodes.Forbidden)]
    [TestCase(HttpStatusCode.NotFound, ErrorCodes.TicketNotFound)]
    [TestCase(HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition)]
    [TestCase(HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused)]
    public async Task R2_non_transient_errors_are_not_retried_and_surface_typed(HttpStatusCode status, string code)
    {
        var time = new RecordingTimeProvider();
        var body = ScriptedHandler.Problem(status, code);
        var handler = new ScriptedHandler().Then(status, body, r => r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/problem+json"));
        using var client = Create(handler, time);

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.CreateTicketAsync(NewTicket())));

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Has.Count.EqualTo(1));
            Assert.That(error!.Status, Is.EqualTo((int)status));
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.RequestId, Is.EqualTo("req_scripted"));
            Assert.That(error.RawBody, Is.EqualTo(body));
            Assert.That(error.IsTransient, Is.False);
        });
    }

    [Test]
    public async Task R2_an_unparseable_error_body_is_kept_raw()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.BadRequest, "<html>proxy error</html>");
        using var client = Create(handler, time);
        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));
        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(SupportApiException.HttpStatusErrorCodePrefix + "400"));
            Assert.That(error.RawBody, Is.EqualTo("<html>proxy error</html>"));
            Assert.That(error.Problem, Is.Null);
        });
    }

    [Test]
    public async Task R3_exhaustion_makes_one_plus_max_retries_attempts_and_surfaces_the_last_error()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent(ScriptedHandler.Problem(HttpStatusCode.ServiceUnavailable, "overloaded")),
        }));
        using var client = Create(handler, time, o => o.Retry.MaxRetries = 3);

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Has.Count.EqualTo(4));
            Assert.That(error!.Status, Is.EqualTo(503));
            Assert.That(error.ErrorCode, Is.EqualTo("overloaded"));
            Assert.That(error.IsTransient, Is.True);
        });
    }

    [Test]
    public async Task R4_caller_cancellation_during_the_first_attempt_is_not_retried()
    {
        var time = new RecordingTimeProvider();
        using var cancel = new CancellationTokenSource();
        var handler = new ScriptedHandler().Then(async (_, ct) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = Create(handler, time);

        Assert.CatchAsync<OperationCanceledException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01", cancel.Token)));
        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task R5_backoff_grows_exponentially_with_jitter_within_bounds()
    {
        const int runs = 40;
        var baseDelay = TimeSpan.FromMilliseconds(200);
        var perAttempt = new List<TimeSpan>[4];
        for (var i = 0; i < perAttempt.Length; i++)
        {
            perAttempt[i] = [];
        }

        var started = DateTime.UtcNow;
        for (var run = 0; run < runs; run++)
        {
            var time = new RecordingTimeProvider { AutoAdvanceBelow = TimeSpan.FromMinutes(1) };
            var handler = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
            using var client = Create(handler, time, o =>
            {
                o.Retry.MaxRetries = 4;
                o.Retry.BaseDelay = baseDelay;
                o.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                o.AttemptTimeout = TimeSpan.FromHours(1);
                o.TotalTimeout = TimeSpan.FromHours(2);
            });
            Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
            var delays = time.RequestedDelays.Where(d => d < TimeSpan.FromHours(1)).ToList();
            Assert.That(delays, Has.Count.EqualTo(4), "one backoff wait per retry");
            for (var i = 0; i < 4; i++)
            {
                perAttempt[i].Add(delays[i]);
            }
        }

        var means = perAttempt.Select(d => d.Average(x => x.TotalMilliseconds)).ToArray();
        TestContext.Out.WriteLine("mean delays (ms): " + string.Join(", ", means.Select(m => m.ToString("0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Multiple(() =>
        {
            Assert.That(perAttempt.SelectMany(d => d), Is.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(2)), "capped by MaxDelay");
            Assert.That(perAttempt[0].Distinct().Count(), Is.GreaterThan(runs / 2), "jitter spreads the first delay");
            Assert.That(means[0], Is.InRange(baseDelay.TotalMilliseconds * 0.5, baseDelay.TotalMilliseconds * 2));
            // Polly's decorrelated jitter doubles the median per attempt but is noisy; compare two steps apart.
            Assert.That(means[2], Is.GreaterThan(means[0] * 1.8), "delays grow exponentially");
            Assert.That(means[3], Is.GreaterThan(means[1] * 1.8), "delays grow exponentially");
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(5)), "simulated time: no real sleeping");
        });
    }

    [TestCase("seconds", 7, 7)]
    [TestCase("date", 12, 12)]
    [TestCase("seconds", 3600, 30)]
    public async Task R6_retry_after_is_honoured_and_clamped(string form, int askedSeconds, int expectedSeconds)
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, null, r =>
            {
                if (form == "seconds")
                {
                    r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(askedSeconds));
                }
                else
                {
                    r.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(askedSeconds));
                }
            })
            .Then(HttpStatusCode.OK, TicketJson);
        using var client = Create(handler, time, o =>
        {
            o.AttemptTimeout = TimeSpan.FromHours(1);
            o.TotalTimeout = TimeSpan.FromHours(2);
        });

        await time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01"));

        var backoff = time.RequestedDelays.Where(d => d < TimeSpan.FromMinutes(10)).ToList();
        Assert.That(backoff, Is.EqualTo(new[] { TimeSpan.FromSeconds(expectedSeconds) }));
    }

    [Test]
    public async Task A_409_in_flight_with_retry_after_is_waited_out_with_the_same_idempotency_key()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.Conflict, ScriptedHandler.Problem(HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyInFlight), r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .Then(HttpStatusCode.Created, TicketJson);
        using var client = Create(handler, time);

        await time.RunAsync(() => client.Tickets.CreateTicketAsync(NewTicket()));

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Has.Count.EqualTo(2));
            Assert.That(handler.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct().Count(), Is.EqualTo(1));
            Assert.That(time.RequestedDelays, Does.Contain(TimeSpan.FromSeconds(1)), "Retry-After honoured");
        });
    }

    [Test]
    public async Task R7_every_attempt_of_a_create_carries_the_same_idempotency_key_request_id_and_body()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("connection reset after the server committed"))
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.Created, TicketJson);
        using var client = Create(handler, time);

        await time.RunAsync(() => client.Tickets.CreateTicketAsync(NewTicket()));

        var keys = handler.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct().ToList();
        var requestIds = handler.Requests.Select(r => r.Headers["X-Request-Id"]).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Has.Count.EqualTo(3));
            Assert.That(keys, Has.Count.EqualTo(1));
            Assert.That(Guid.TryParse(keys[0], out _), Is.True);
            Assert.That(requestIds, Has.Count.EqualTo(1));
            Assert.That(handler.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct().Count(), Is.EqualTo(1), "identical body bytes");
        });
    }

    [Test]
    public async Task R7_two_logical_creates_get_different_keys_and_a_callers_key_is_used_as_given()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, TicketJson).Then(HttpStatusCode.Created, TicketJson).Then(HttpStatusCode.Created, TicketJson);
        using var client = Create(handler, time);
        await client.Tickets.CreateTicketAsync(NewTicket());
        await client.Tickets.CreateTicketAsync(NewTicket());
        await client.Tickets.CreateTicketAsync(NewTicket(), idempotencyKey: "order-42-ticket");
        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests[0].Headers["Idempotency-Key"], Is.Not.EqualTo(handler.Requests[1].Headers["Idempotency-Key"]));
            Assert.That(handler.Requests[2].Headers["Idempotency-Key"], Is.EqualTo("order-42-ticket"));
        });
    }

    [Test]
    public async Task R8_a_request_without_an_idempotency_key_is_never_retried()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, TicketJson);
        using var client = Create(handler, time);
        var ticket = new Ticket { Id = "tkt_01", Version = 3 };

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.UpdateTicketAsync(ticket, new UpdateTicketRequest { Priority = TicketPriority.High })));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(503));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "a PATCH carries no idempotency key, so it is not resent");
            Assert.That(handler.Requests[0].Headers.ContainsKey("Idempotency-Key"), Is.False);
            Assert.That(handler.Requests[0].Headers["If-Match"], Is.EqualTo("\"3\""));
        });
    }

    [Test]
    public async Task R8_a_post_without_a_key_is_never_resent_by_the_resilience_pipeline()
    {
        // The SDK's handler gives every POST a key, so this guards the pipeline itself: a POST without one is unsafe to repeat.
        var time = new RecordingTimeProvider();
        var pipeline = Http.SupportResilience.Build(Core.ClientSettings.From(new SupportClientOptions { TimeProvider = time }));
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint + "v1/tickets") { Content = new StringContent("{}") };
        var context = Polly.ResilienceContextPool.Shared.Get();
        context.Properties.Set(Http.SupportHandler.RequestKey, request);
        var attempts = 0;

        using var response = await time.RunAsync(() => pipeline.ExecuteAsync(
            (_, _) =>
            {
                attempts++;
                return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }, context, 0).AsTask());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(attempts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task R10_the_breaker_opens_under_sustained_failure_fails_fast_and_probes_half_open()
    {
        var time = new RecordingTimeProvider();
        var failing = true;
        var handler = new ScriptedHandler((_, _) => Task.FromResult(failing
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TicketJson) }));
        using var client = Create(handler, time, o =>
        {
            o.Retry.MaxRetries = 0;
            o.CircuitBreaker.Enabled = true;
            o.CircuitBreaker.MinimumThroughput = 4;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        });

        for (var i = 0; i < 4; i++)
        {
            Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
        }

        var open = Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
        var callsWhileOpen = handler.Requests.Count;
        failing = false;
        time.Advance(TimeSpan.FromSeconds(6));
        var probe = await client.Tickets.GetTicketAsync("tkt_01");
        var after = await client.Tickets.GetTicketAsync("tkt_01");

        Assert.Multiple(() =>
        {
            Assert.That(open!.ErrorCode, Is.EqualTo(SupportApiException.CircuitOpenErrorCode));
            Assert.That(open.IsTransient, Is.True);
            Assert.That(callsWhileOpen, Is.EqualTo(4), "the open circuit did not call the server");
            Assert.That(probe.Id, Is.EqualTo("tkt_01"));
            Assert.That(after.Id, Is.EqualTo("tkt_01"));
            Assert.That(handler.Requests, Has.Count.EqualTo(6));
        });
    }

    [Test]
    public async Task R14_the_total_timeout_wins_over_attempts_times_attempt_timeout()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = Create(handler, time, o =>
        {
            o.Retry.MaxRetries = 10;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(25);
        });
        var start = time.GetUtcNow();

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(SupportApiException.TimeoutErrorCode));
            Assert.That(handler.Requests, Has.Count.EqualTo(3), "attempts at ~0 s, ~10 s and ~20 s, then the 25 s budget ends");
            Assert.That(time.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(25)));
        });
    }

    [Test]
    public void The_timeouts_also_apply_under_a_custom_pipeline()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().ThenHang();
        using var client = Create(handler, time, o =>
        {
            o.ResiliencePipeline = Polly.ResiliencePipeline<HttpResponseMessage>.Empty;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
        });
        var start = time.GetUtcNow();

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(SupportApiException.TimeoutErrorCode));
            Assert.That(handler.Requests, Has.Count.EqualTo(1));
            Assert.That(time.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public async Task Pooled_timeouts_on_the_system_clock_leave_nothing_behind_after_a_timeout_or_a_cancelled_call()
    {
        // The system clock's timeouts are pooled cancellation sources: one that expired, or whose caller cancelled,
        // must never be handed to a later call.
        var hang = 0;
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            if (Interlocked.Exchange(ref hang, 0) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TicketJson) };
        });
        var options = new SupportClientOptions { AttemptTimeout = TimeSpan.FromMilliseconds(200) };
        options.Retry.MaxRetries = 0;
        options.CircuitBreaker.Enabled = false;
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new ApiKeyCredential(ApiKey), options);

        hang = 1;
        var timedOut = Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
        hang = 1;
        using (var caller = new CancellationTokenSource())
        {
            var call = client.Tickets.GetTicketAsync("tkt_01", caller.Token);
            await caller.CancelAsync();
            Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        }

        var later = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(timedOut!.ErrorCode, Is.EqualTo(SupportApiException.TimeoutErrorCode));
            Assert.That(later.Select(t => t.Id), Is.All.EqualTo("tkt_01"));
        });
    }

    private static readonly (string Name, Action<SupportClientOptions> Break)[] BadOptions =
    [
        ("Retry.MaxRetries", o => o.Retry.MaxRetries = -1),
        ("Retry.BaseDelay", o => o.Retry.BaseDelay = TimeSpan.FromDays(2)),
        ("Retry.MaxDelay", o => o.Retry.MaxDelay = TimeSpan.FromDays(2)),
        ("CircuitBreaker.FailureRatio", o => o.CircuitBreaker.FailureRatio = 1.5),
        ("CircuitBreaker.MinimumThroughput", o => o.CircuitBreaker.MinimumThroughput = 1),
        ("CircuitBreaker.BreakDuration", o => o.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(10)),
        ("AttemptTimeout", o => o.AttemptTimeout = TimeSpan.Zero),
        ("TotalTimeout", o => o.TotalTimeout = TimeSpan.FromSeconds(-5)),
        ("TotalTimeout", o => o.TotalTimeout = TimeSpan.MaxValue),
        ("TimeProvider", o => o.TimeProvider = null!),
    ];

    [TestCaseSource(nameof(BadOptions))]
    public void A_bad_option_fails_the_constructor_with_its_name((string Name, Action<SupportClientOptions> Break) bad)
    {
        // The standard pipeline is built in the background, so the SDK checks the values itself before it starts.
        var options = new SupportClientOptions();
        bad.Break(options);

        var error = Assert.Catch<ArgumentException>(() => new SupportClient(Endpoint, new ApiKeyCredential(ApiKey), options).Dispose());

        Assert.That(error!.Message, Does.Contain("SupportClientOptions." + bad.Name));
    }

    [Test]
    public void Options_changed_after_construction_do_not_reach_the_client()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().ThenHang();
        var options = new SupportClientOptions { TimeProvider = time, AttemptTimeout = TimeSpan.FromSeconds(5) };
        options.Retry.MaxRetries = 0;
        options.CircuitBreaker.Enabled = false;
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new ApiKeyCredential(ApiKey), options);
        options.AttemptTimeout = TimeSpan.FromSeconds(-5); // would throw on every call if it were read again
        options.Retry.MaxRetries = 5;
        var start = time.GetUtcNow();

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(SupportApiException.TimeoutErrorCode));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "no retries: MaxRetries was 0 at construction");
            Assert.That(time.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(5)));
        });
    }

    private static IEnumerable<TestCaseData> EveryAnswer()
    {
        foreach (var status in new[] { 400, 401, 403, 404, 408, 409, 412, 422, 429, 500, 501, 502, 503, 504, 505 })
        {
            yield return new TestCaseData(status, false).SetName($"HTTP {status}");
        }

        yield return new TestCaseData(409, true).SetName("HTTP 409 with Retry-After (same call in flight)");
        yield return new TestCaseData(503, true).SetName("HTTP 503 with Retry-After");
        yield return new TestCaseData(400, true).SetName("HTTP 400 with Retry-After");
    }

    [TestCaseSource(nameof(EveryAnswer))]
    public async Task The_retry_strategy_and_IsTransient_follow_one_rule(int status, bool retryAfter)
    {
        ScriptedHandler Answer() => new ScriptedHandler((_, _) =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(ScriptedHandler.Problem((HttpStatusCode)status)) };
            if (retryAfter)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            }

            return Task.FromResult(response);
        });
        var once = Answer();
        var time = new RecordingTimeProvider();
        using var noRetries = Create(once, time, o => o.Retry.MaxRetries = 0);
        var error = Assert.ThrowsAsync<SupportApiException>(() => noRetries.Tickets.CreateTicketAsync(NewTicket()));
        var retrying = Answer();
        using var withRetries = Create(retrying, time, o => o.Retry.MaxRetries = 1);

        Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => withRetries.Tickets.CreateTicketAsync(NewTicket())));

        Assert.That(retrying.Requests, Has.Count.EqualTo(error!.IsTransient ? 2 : 1),
            $"IsTransient is {error.IsTransient}: the retry strategy must decide the same");
        Assert.That(error.IsTransient, Is.EqualTo(status is 408 or 429 or 500 or 502 or 503 or 504 || (status == 409 && retryAfter)));
    }

    [TestCase(Fault.TransportError, SupportApiException.TransportErrorCode)]
    [TestCase(Fault.AttemptTimeout, SupportApiException.TimeoutErrorCode)]
    public async Task A_call_without_an_answer_is_transient_and_was_retried_by_the_same_rule(Fault fault, string code)
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler();
        for (var i = 0; i < 3; i++)
        {
            _ = fault == Fault.TransportError ? handler.ThenThrow(new HttpRequestException("connection reset")) : handler.ThenHang();
        }

        using var client = Create(handler, time, o => o.Retry.MaxRetries = 2);

        var error = Assert.ThrowsAsync<SupportApiException>(() => time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(code));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(handler.Requests, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task A_discarded_response_is_disposed_once()
    {
        var time = new RecordingTimeProvider();
        var discarded = new CountingResponse(HttpStatusCode.ServiceUnavailable);
        var handler = new ScriptedHandler().Then((_, _) => Task.FromResult<HttpResponseMessage>(discarded)).Then(HttpStatusCode.OK, TicketJson);
        using var client = Create(handler, time);

        await time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.That(discarded.Disposals, Is.EqualTo(1), "Polly disposes what it discards; nothing else does it again");
    }

    [Test]
    public async Task The_agents_reply_carries_one_idempotency_key_across_attempts_and_a_callers_key_as_given()
    {
        const string message = """{"id":"msg_1","seq":2,"from":{"role":"agent","name":"A"},"body":"x","createdAt":"2026-11-01T00:00:00Z"}""";
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("reset after the server stored it"))
            .Then(HttpStatusCode.Created, message)
            .Then(HttpStatusCode.Created, message);
        using var client = Create(handler, time);

        await time.RunAsync(() => client.AgentTickets.AddMessageAsync("tkt_01", new ReplyRequest { Body = "We are on it." }));
        await client.AgentTickets.AddMessageAsync("tkt_01", new ReplyRequest { Body = "Done." }, idempotencyKey: "agent-reply-7");

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests[0].Headers["Idempotency-Key"], Is.EqualTo(handler.Requests[1].Headers["Idempotency-Key"]));
            Assert.That(handler.Requests[2].Headers["Idempotency-Key"], Is.EqualTo("agent-reply-7"));
        });
    }

    private sealed class CountingResponse(HttpStatusCode status) : HttpResponseMessage(status)
    {
        public int Disposals { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposals += disposing ? 1 : 0;
            base.Dispose(disposing);
        }
    }
}
