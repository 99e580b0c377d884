using System.Globalization;
using System.Text;
using System.Text.Json;
using ExchangeDemo.Accounts;
using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Antiforgery;
using SupportSdk;

namespace ExchangeDemo.Chat;

/// <summary>
/// The live chat's backend for the browser. <c>GET /chat/api/{id}/events</c> is a Server-Sent Events stream: each
/// browser connection opens its own <see cref="ChatSession"/> with <c>Chat.ResumeChatAsync(chatId, lastSeq)</c> (the
/// browser's Last-Event-ID after a reconnect) and forwards its events as JSON. Sends, typing and read receipts go
/// through the user's sending session; every POST checks the antiforgery token.
/// </summary>
public static class ChatEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/chat/api").RequireAuthorization();
        chat.MapPost("/start", StartAsync);
        chat.MapGet("/{chatId}/events", StreamAsync);
        chat.MapPost("/{chatId}/messages", SendAsync);
        chat.MapPost("/{chatId}/typing", TypingAsync);
        chat.MapPost("/{chatId}/read", MarkReadAsync);
        chat.MapPost("/{chatId}/ticket", ToTicketAsync);
        chat.MapPost("/{chatId}/close", CloseAsync);
    }

    private static async Task<IResult> StartAsync(HttpContext http, UiContext ui, SupportConnection support, ChatSendSessions sessions, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var request = await ReadBodyAsync(http, DemoJson.Default.ChatStartRequest);
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            var session = await client.Chat.StartChatAsync(new StartChatRequest { Topic = NullIfBlank(request?.Topic), Locale = ui.Locale }, http.RequestAborted);
            sessions.Adopt(ui.User!, session);
            return Results.Json(new ChatStarted(session.ChatId), DemoJson.Default.ChatStarted);
        }
        catch (SensitiveDataException e)
        {
            return Blocked(ui, e);
        }
    }

    private static async Task StreamAsync(string chatId, HttpContext http, UiContext ui, SupportConnection support)
    {
        var cancellationToken = http.RequestAborted;
        var after = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last
            : long.TryParse(http.Request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : 0;
        var client = await support.ForUserAsync(ui.User!);
        ChatSession session;
        try
        {
            session = await client.Chat.ResumeChatAsync(chatId, after, cancellationToken);
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            http.Response.StatusCode = 404;
            return;
        }

        await using (session)
        {
            http.Response.Headers.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.Body.FlushAsync(cancellationToken);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var events = session.ReadEventsAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            var next = events.MoveNextAsync().AsTask();
            try
            {
                while (true)
                {
                    if (await Task.WhenAny(next, Task.Delay(KeepAlive, cancellationToken)) != next)
                    {
                        await WriteAsync(http, ": keep-alive\n\n", cancellationToken);
                        continue;
                    }

                    if (!await next)
                    {
                        return;
                    }

                    var view = ChatEventView.From(events.Current);
                    var frame = new StringBuilder();
                    if (view.Seq is { } seq)
                    {
                        frame.Append("id: ").Append(seq.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }

                    frame.Append("data: ").Append(JsonSerializer.Serialize(view, DemoJson.Default.ChatEventView)).Append("\n\n");
                    await WriteAsync(http, frame.ToString(), cancellationToken);
                    next = events.MoveNextAsync().AsTask();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The browser left.
            }
            catch (SupportApiException e)
            {
                var problem = new ChatProblem(e.ErrorCode, e.Status == 404 ? "chat_not_found" : ui.T.SupportUnreachable);
                await WriteAsync(http, "event: failure\ndata: " + JsonSerializer.Serialize(problem, DemoJson.Default.ChatProblem) + "\n\n", CancellationToken.None);
            }
            finally
            {
                await stop.CancelAsync();
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                await events.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> SendAsync(string chatId, HttpContext http, UiContext ui, ChatSendSessions sessions, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var request = await ReadBodyAsync(http, DemoJson.Default.ChatSendRequest);
        if (request?.Text is not { Length: > 0 and <= 4000 } text || string.IsNullOrWhiteSpace(text))
        {
            return Results.BadRequest();
        }

        try
        {
            var session = await sessions.GetAsync(ui.User!, chatId, http.RequestAborted);
            var receipt = await session.SendMessageAsync(text, http.RequestAborted);
            return Results.Json(new ChatSendResult(receipt.Seq, receipt.ClientMessageId), DemoJson.Default.ChatSendResult);
        }
        catch (SensitiveDataException e)
        {
            // The SDK refused on this server: nothing went to support.
            return Blocked(ui, e);
        }
        catch (SupportApiException e) when (e.Status is 404 or 409)
        {
            return Results.Json(new ChatProblem(e.ErrorCode, ui.T.ChatScript["closed"]), DemoJson.Default.ChatProblem, statusCode: e.Status);
        }
    }

    private static async Task<IResult> TypingAsync(string chatId, HttpContext http, UiContext ui, ChatSendSessions sessions, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        return await GoneOrAsync(async () =>
        {
            var session = await sessions.GetAsync(ui.User!, chatId, http.RequestAborted);
            await session.SendTypingAsync(http.RequestAborted);
        });
    }

    private static async Task<IResult> MarkReadAsync(string chatId, HttpContext http, UiContext ui, ChatSendSessions sessions, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        if (await ReadBodyAsync(http, DemoJson.Default.ChatReadRequest) is not { UpToSeq: > 0 } request)
        {
            return Results.BadRequest();
        }

        return await GoneOrAsync(async () =>
        {
            var session = await sessions.GetAsync(ui.User!, chatId, http.RequestAborted);
            await session.MarkReadAsync(request.UpToSeq, http.RequestAborted);
        });
    }

    private static async Task<IResult> ToTicketAsync(string chatId, HttpContext http, UiContext ui, SupportConnection support, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var client = await support.ForUserAsync(ui.User!);
        try
        {
            var ticket = await client.Chat.ConvertChatToTicketAsync(chatId, http.RequestAborted);
            return Results.Json(new ChatTicketResult(ticket.Id, "/tickets/" + Uri.EscapeDataString(ticket.Id)), DemoJson.Default.ChatTicketResult);
        }
        catch (SupportApiException e) when (e.Status is 404 or 409)
        {
            return Results.StatusCode(e.Status);
        }
    }

    private static async Task<IResult> CloseAsync(string chatId, HttpContext http, UiContext ui, ChatSendSessions sessions, IAntiforgery antiforgery)
    {
        if (await RefuseAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        return await GoneOrAsync(async () =>
        {
            var session = await sessions.GetAsync(ui.User!, chatId, http.RequestAborted);
            await session.CloseChatAsync(http.RequestAborted);
            await sessions.RemoveAsync(ui.User!, chatId);
        });
    }

    /// <summary>Runs a chat action: 204, or the 404/409 the server gave for a chat that is not there or closed.</summary>
    private static async Task<IResult> GoneOrAsync(Func<Task> action)
    {
        try
        {
            await action();
            return Results.NoContent();
        }
        catch (SupportApiException e) when (e.Status is 404 or 409)
        {
            return Results.StatusCode(e.Status);
        }
    }

    private static IResult Blocked(UiContext ui, SensitiveDataException e) =>
        Results.Json(new ChatProblem(ErrorCodes.SensitiveDataBlocked, ui.T.Blocked(e.Findings.Select(f => f.Kind))), DemoJson.Default.ChatProblem, statusCode: 422);

    private static async Task<IResult?> RefuseAsync(HttpContext http, IAntiforgery antiforgery) =>
        DemoUser.Of(http.User) is null ? Results.Unauthorized()
        : await antiforgery.IsRequestValidAsync(http) ? null
        : Results.BadRequest();

    private static async Task<T?> ReadBodyAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return http.Request.HasJsonContentType() ? await http.Request.ReadFromJsonAsync(type, http.RequestAborted) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync(text, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
