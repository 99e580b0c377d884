using System.Globalization;
using ExchangeDemo.Localization;

namespace ExchangeDemo.Notifications;

/// <summary>
/// The bell's backend for the browser (signed-in users only, each seeing only their own notifications):
/// <c>GET /notifications/stream</c>, a Server-Sent Events stream that sends the inbox's version whenever it changes
/// (the page then fetches the bell again from <c>/notifications/bell</c>), and <c>GET /notifications/{id}/open</c>,
/// which marks a notification read and goes to its ticket or chat.
/// </summary>
public static class NotificationEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/notifications").RequireAuthorization();
        notifications.MapGet("/stream", StreamAsync);
        notifications.MapGet("/{id}/open", Open);
    }

    private static async Task StreamAsync(HttpContext http, UiContext ui, NotificationInbox inbox, IHostApplicationLifetime lifetime)
    {
        var userId = ui.User!.Id;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.Headers.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            while (true)
            {
                var (version, changed) = inbox.Watch(userId);
                await http.Response.WriteAsync("data: " + version.ToString(CultureInfo.InvariantCulture) + "\n\n", stop.Token);
                await http.Response.Body.FlushAsync(stop.Token);
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(changed, stop.Token);
                while (!wake.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(KeepAlive, wake.Token);
                        await http.Response.WriteAsync(": keep-alive\n\n", stop.Token);
                        await http.Response.Body.FlushAsync(stop.Token);
                    }
                    catch (OperationCanceledException) when (changed.IsCancellationRequested && !stop.IsCancellationRequested)
                    {
                        // The inbox changed: send its new version.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser left, or the site is stopping.
        }
    }

    private static IResult Open(string id, UiContext ui, NotificationInbox inbox) =>
        inbox.Open(ui.User!.Id, id) is { } notification ? Results.LocalRedirect(notification.Href) : Results.NotFound();
}
