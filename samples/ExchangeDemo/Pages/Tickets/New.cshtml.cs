using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using ExchangeDemo.Wallet;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Tickets;

/// <summary>
/// A new ticket. "Get help" on a deposit or withdrawal opens it with the transaction attached (looked up again here
/// from the user's own history, never taken from the form). The form carries one Idempotency-Key, so a double click
/// or a retry can never open two tickets.
/// </summary>
public sealed class NewModel(UiContext ui, SupportConnection support) : PageModel
{
    [BindProperty]
    public string Subject { get; set; } = string.Empty;

    [BindProperty]
    public string Body { get; set; } = string.Empty;

    [BindProperty]
    public string Category { get; set; } = TicketCategory.Other.Value;

    [BindProperty(SupportsGet = true, Name = "tx")]
    public string? TransferId { get; set; }

    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public Transfer? Transfer { get; private set; }

    /// <summary>For a deposit: what the exchange's lookup says now, shown before the ticket is sent (the ticket gets its own).</summary>
    public DepositLookup? Lookup { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Transfer = DemoWallet.FindTransfer(ui.User!, TransferId);
        if (Transfer is { Direction.Value: "deposit" } deposit)
        {
            // "Where is my deposit?" answered on the spot, before anyone has to read a ticket.
            var client = await support.ForUserAsync(ui.User!);
            try
            {
                Lookup = await client.Deposits.CheckDepositAsync(deposit.TxId, deposit.Network, HttpContext.RequestAborted);
            }
            catch (SupportApiException e) when (e.Status is 404 or 503 || e.IsTransient)
            {
                Lookup = null; // no lookup here (support elsewhere without one) or not now: the ticket still works
            }
        }

        if (Transfer is { } t)
        {
            Subject = ui.T.TxSubject(t.Direction, t.Amount, t.Asset, t.Network);
            Body = ui.T.TxBody(t.Direction);
            Category = t.Direction == TransactionDirection.Withdrawal ? TicketCategory.Withdrawal.Value : TicketCategory.Deposit.Value;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Transfer = DemoWallet.FindTransfer(ui.User!, TransferId);
        if (string.IsNullOrWhiteSpace(Subject) || string.IsNullOrWhiteSpace(Body))
        {
            Error = ui.T.SubjectRequired;
            return Page();
        }

        var client = await support.ForUserAsync(ui.User!);
        try
        {
            var ticket = await client.Tickets.CreateTicketAsync(new CreateTicketRequest
            {
                Subject = Subject.Trim(),
                Body = Body.Trim(),
                Category = TicketCategory.FromValue(Category),
                Locale = ui.Locale,
                Transaction = Transfer?.ToTransactionInfo(),
            }, IdempotencyKey, HttpContext.RequestAborted);
            return Redirect("/tickets/" + Uri.EscapeDataString(ticket.Id));
        }
        catch (SensitiveDataException e)
        {
            // Nothing was sent; the secret does not go back into the page either.
            Error = ui.T.Blocked(e.Findings.Select(f => f.Kind));
            if (e.Findings.Any(f => f.Field == "subject"))
            {
                Subject = string.Empty;
            }

            if (e.Findings.Any(f => f.Field != "subject"))
            {
                Body = string.Empty;
            }
        }
        catch (SupportApiException e) when (e.Status is 400 or 422)
        {
            Error = e.Problem?.Detail ?? e.Problem?.Title ?? e.Message;
        }

        // A corrected form is a new request: it gets a new key.
        IdempotencyKey = Guid.NewGuid().ToString("N");
        ModelState.Clear();
        return Page();
    }
}
