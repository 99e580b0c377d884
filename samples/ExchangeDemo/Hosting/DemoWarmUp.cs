using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ExchangeDemo.Accounts;
using ExchangeDemo.Support;
using SupportSdk;
using SupportSdk.Security;

namespace ExchangeDemo.Hosting;

/// <summary>
/// Walks the site once over loopback before its address is printed, so a person's first clicks do not pay the
/// process's first-use costs. Measured on a fresh process (2-core VM): the first signed-in page took 0.7–0.9 s, of which
/// the support calls themselves were about 0.15 s; the rest was one-time work: JIT compilation of the pages, the SDK
/// pipeline and the server's endpoints, loading the cookie-encryption keys, minting the user's first token and the
/// secret scanner's word lists. After this walk the same page takes about 10–20 ms. Nothing is created: pages are only
/// read, and the write paths are warmed with requests the server refuses.
/// </summary>
public static partial class DemoWarmUp
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public static async Task<TimeSpan> RunAsync(Uri site, SupportConnection support, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            // The scanner loads its word lists on first use: ticket and chat text goes through it in this process.
            var scan = Task.Run(() => SecretScanner.Default.Scan("warm up: my withdrawal is pending"), budget.Token);
            await Task.WhenAll([scan, WalkAsync(site, null, budget.Token), .. DemoUser.All.Select(user => WalkAsync(site, user, budget.Token))]);
            await Task.WhenAll(DemoUser.All.Select(user => RefusedWritesAsync(support, user, budget.Token)));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A slower first click is all this costs.
        }

        return clock.Elapsed;
    }

    private static async Task WalkAsync(Uri site, DemoUser? user, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = site };
        if (user is null)
        {
            foreach (var path in new[] { "/", "/help", "/help/search?q=withdrawal%20pending", "/help/suggest?q=withdrawal", "/verify?input=https%3A%2F%2Fexample-exchange.com", "/agent", "/no-such-page" })
            {
                using var _ = await http.GetAsync(path, cancellationToken);
            }

            return;
        }

        var form = await http.GetStringAsync("/signin", cancellationToken);
        if (Antiforgery().Match(form) is not { Success: true } token)
        {
            return;
        }

        using (var signIn = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = user.Id,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }), cancellationToken))
        {
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                return;
            }
        }

        foreach (var path in new[] { "/", "/tickets/new", "/chat", "/help", "/notifications/bell", "/tickets/tkt_00000000000000000000000000" })
        {
            using var _ = await http.GetAsync(path, cancellationToken);
        }

        // The ticket page itself, when the user has a ticket already (a later start); else the lookup above (a 404).
        var tickets = await http.GetStringAsync("/tickets", cancellationToken);
        if (TicketLink().Match(tickets) is { Success: true } link)
        {
            using var _ = await http.GetAsync(link.Value, cancellationToken);
        }
    }

    /// <summary>
    /// The write paths (SDK call, HTTP, the server's endpoint up to its checks) with requests the server refuses, so
    /// nothing is stored: a ticket without a subject (400), a rating and a close of a ticket that does not exist (404).
    /// </summary>
    private static async Task RefusedWritesAsync(SupportConnection support, DemoUser user, CancellationToken cancellationToken)
    {
        const string Missing = "tkt_00000000000000000000000000";
        var client = await support.ForUserAsync(user);
        Func<Task>[] refused =
        [
            () => client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = string.Empty, Body = string.Empty, Category = TicketCategory.Other }, null, cancellationToken),
            () => client.Tickets.RateTicketAsync(Missing, new RateTicketRequest { Score = 5 }, cancellationToken),
            () => client.Tickets.CloseTicketAsync(Missing, cancellationToken),
        ];
        foreach (var write in refused)
        {
            try
            {
                await write();
            }
            catch (SupportApiException e) when (e.Status is 400 or 404)
            {
                // Refused, as intended.
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("/tickets/tkt_[0-9a-z]+")]
    private static partial Regex TicketLink();
}
