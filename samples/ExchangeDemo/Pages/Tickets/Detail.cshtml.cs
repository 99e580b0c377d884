using ExchangeDemo.Help;
using ExchangeDemo.Localization;
using ExchangeDemo.Notifications;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Tickets;

/// <summary>
/// One of the user's tickets with its messages (support messages that ask for a secret or link to a fake site come
/// flagged by the SDK and get a red warning), reply, close, and a 1–5 rating once resolved. Another user's ticket
/// answers 404, exactly like one that does not exist.
/// </summary>
public sealed class DetailModel(UiContext ui, SupportConnection support, HelpCenterLinks links, NotificationInbox notifications, ExchangeDemo.Accounts.DemoAccountLocks locks) : PageModel
{
    private const int MaxMessages = 200;

    public Ticket Ticket { get; private set; } = new();

    public IReadOnlyList<TicketMessage> Messages { get; private set; } = [];

    /// <summary>Each message's text as HTML, help-center links pointing at this site's article pages.</summary>
    public Dictionary<string, Microsoft.AspNetCore.Html.HtmlString> Bodies { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var page = await LoadAsync(id);
        if (page is PageResult)
        {
            notifications.MarkReadAbout(ui.User!.Id, id, null); // the user is reading it
        }

        return page;
    }

    public async Task<IActionResult> OnPostReplyAsync(string id, string? text, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RedirectToPage(new { id });
        }

        var client = await support.ForUserAsync(ui.User!);
        try
        {
            await client.Tickets.AddMessageAsync(id, new ReplyRequest { Body = text.Trim() }, idempotencyKey, HttpContext.RequestAborted);
        }
        catch (SensitiveDataException e)
        {
            Error = ui.T.Blocked(e.Findings.Select(f => f.Kind));
            return await LoadAsync(id);
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        return RedirectToPage(new { id });
    }

    /// <summary>
    /// "Lock my account" on a ticket: the SDK asks support, which calls the exchange's hook (this process) or sends the
    /// webhook; either way the demo exchange locks at once, and the user lands on the urgent security ticket.
    /// </summary>
    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            var result = await client.Account.LockAccountAsync(cancellationToken: HttpContext.RequestAborted);
            locks.Lock(ui.User!.Id);
            return RedirectToPage(new { id = result.Ticket.Id });
        }
        catch (SupportApiException e) when (e.Status == 503)
        {
            Error = ui.T.LockFailed;
            return await LoadAsync(id);
        }
    }

    public bool EmailOn { get; private set; }

    /// <summary>"Email me replies": support's replies to this ticket also go by mail (SDK <c>Tickets.SetEmailUpdatesAsync</c>).</summary>
    public async Task<IActionResult> OnPostEmailAsync(string id)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            EmailOn = (await client.Tickets.SetEmailUpdatesAsync(id, true, HttpContext.RequestAborted)).Enabled;
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        return await LoadAsync(id);
    }

    /// <summary>The ticket's signed transcript as a file the customer can keep or hand to anyone (checked on /verify).</summary>
    public async Task<IActionResult> OnGetTranscriptAsync(string id)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            var transcript = await client.Tickets.GetSignedTranscriptAsync(id, HttpContext.RequestAborted);
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(transcript, SupportSdk.Transcripts.TranscriptsJsonContext.Default.SignedTranscript);
            return File(bytes, "application/json", $"transcript-{id}.json");
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostCloseAsync(string id)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            await client.Tickets.CloseTicketAsync(id, HttpContext.RequestAborted);
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRateAsync(string id, int score, string? comment)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            await client.Tickets.RateTicketAsync(id, new RateTicketRequest { Score = Math.Clamp(score, 1, 5), Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim() },
                HttpContext.RequestAborted);
        }
        catch (SensitiveDataException e)
        {
            Error = ui.T.Blocked(e.Findings.Select(f => f.Kind));
            return await LoadAsync(id);
        }
        catch (SupportApiException e) when (e.Status is 409 or 422)
        {
            // Already rated, or not resolved yet: the page shows the current state.
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> LoadAsync(string id)
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            Ticket = await client.Tickets.GetTicketAsync(id, HttpContext.RequestAborted);
            var messages = new List<TicketMessage>();
            await foreach (var message in client.Tickets.GetMessagesAsync(id).WithCancellation(HttpContext.RequestAborted))
            {
                messages.Add(message);
                if (messages.Count == MaxMessages)
                {
                    break;
                }
            }

            Messages = messages;
            foreach (var message in messages)
            {
                // Only support's words get links: what the customer wrote is shown as they wrote it.
                Bodies[message.Id] = message.From.Role == AuthorRole.Customer
                    ? new Microsoft.AspNetCore.Html.HtmlString(System.Net.WebUtility.HtmlEncode(message.Body))
                    : await links.RenderAsync(message.Body, ui.T, HttpContext.RequestAborted);
            }
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        return Page();
    }
}
