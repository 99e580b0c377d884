using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SupportSdk.Server.Tests.Infrastructure;

/// <summary>Small helpers to call the API and assert on problem responses.</summary>
public static class Api
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json<T>(T value, JsonTypeInfo<T> typeInfo) => Json(JsonSerializer.Serialize(value, typeInfo));

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, typeInfo)!;
    }

    /// <summary>Asserts a problem+json response with the status and stable code, and returns it.</summary>
    public static async Task<SupportProblem> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            Assert.That(response.Headers.Contains("X-Request-Id"), Is.True, "X-Request-Id header");
        });
        var problem = JsonSerializer.Deserialize(body, SupportJsonContext.Default.SupportProblem)!;
        Assert.Multiple(() =>
        {
            Assert.That(problem.Code, Is.EqualTo(code), body);
            Assert.That(problem.Status, Is.EqualTo((int)status));
            Assert.That(problem.RequestId, Is.EqualTo(response.Headers.GetValues("X-Request-Id").Single()));
        });
        return problem;
    }

    public static CreateTicketRequest NewTicket(string subject = "Deposit not credited", TransactionInfo? transaction = null) => new()
    {
        Subject = subject,
        Body = "I sent USDT two hours ago and it is not in my account.",
        Category = TicketCategory.Deposit,
        Transaction = transaction,
    };

    public static async Task<Ticket> CreateTicketAsync(HttpClient user, CreateTicketRequest? request = null)
    {
        using var response = await user.PostAsync("/v1/tickets", Json(request ?? NewTicket(), SupportJsonContext.Default.CreateTicketRequest));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ReadAsync(response, SupportJsonContext.Default.Ticket);
    }
}
