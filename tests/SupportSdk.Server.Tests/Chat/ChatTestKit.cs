using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>REST helpers for the chat routes.</summary>
internal static class ChatTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<SupportSdk.ChatThread> StartChatAsync(HttpClient user, string? topic = null, string? locale = null)
    {
        using var response = await user.PostAsync("/v1/chats", Json(new StartChatRequest { Topic = topic, Locale = locale }, ChatJsonContext.Default.StartChatRequest));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ReadAsync(response, ChatJsonContext.Default.ChatThread);
    }

    public static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, string prefix, string chatId, string clientMessageId, string text) =>
        client.PostAsync($"{prefix}/{chatId}/messages", Json(new SendChatMessageRequest { ClientMessageId = clientMessageId, Text = text }, ChatJsonContext.Default.SendChatMessageRequest));

    /// <summary>Sends over REST and returns the stored frame (201 or 200 for a resend).</summary>
    public static async Task<ChatFrame> SendAsync(HttpClient client, string prefix, string chatId, string clientMessageId, string text)
    {
        using var response = await PostMessageAsync(client, prefix, chatId, clientMessageId, text);
        return await ReadAsync(response, ChatJsonContext.Default.ChatFrame);
    }

    public static Task<ChatFrame> CustomerSendsAsync(HttpClient user, string chatId, string text) =>
        SendAsync(user, "/v1/chats", chatId, "c-" + Guid.NewGuid().ToString("N"), text);

    public static Task<ChatFrame> AgentSendsAsync(HttpClient agent, string chatId, string text) =>
        SendAsync(agent, "/v1/agent/chats", chatId, "a-" + Guid.NewGuid().ToString("N"), text);

    public static async Task<SupportSdk.ChatThread> AcceptAsync(HttpClient agent, string chatId)
    {
        using var response = await agent.PostAsync($"/v1/agent/chats/{chatId}/accept", null);
        return await ReadAsync(response, ChatJsonContext.Default.ChatThread);
    }

    public static async Task<SupportSdk.ChatThread> GetChatAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, ChatJsonContext.Default.ChatThread);
    }

    public static async Task<ChatEventBatch> EventsAsync(HttpClient client, string prefix, string chatId, long after = 0, int wait = 0)
    {
        using var response = await client.GetAsync($"{prefix}/{chatId}/events?after={after}&wait={wait}");
        return await ReadAsync(response, ChatJsonContext.Default.ChatEventBatch);
    }

    /// <summary>Every durable event of the chat, as the customer reads them.</summary>
    public static async Task<List<ChatFrame>> DurableAsync(HttpClient user, string chatId) =>
        [.. (await EventsAsync(user, "/v1/chats", chatId)).Events.Where(e => e.Seq is not null)];

    public static async Task<List<ChatFrame>> MessagesAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return [.. (await ReadAsync(response, ChatJsonContext.Default.PageChatFrame)).Items];
    }

    public static string FrameJson(ChatFrame frame) => JsonSerializer.Serialize(frame, ChatJsonContext.Default.ChatFrame);

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response) where T : class =>
        (await response.Content.ReadFromJsonAsync<T>())!;
}
