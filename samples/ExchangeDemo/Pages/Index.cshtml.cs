using ExchangeDemo.Accounts;
using ExchangeDemo.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangeDemo.Pages;

/// <summary>Markets and the wallet: a withdrawal is refused while the account is locked; the exchange's own
/// identity check (a demo button) unlocks it — support never does.</summary>
public sealed class IndexModel(UiContext ui, DemoAccountLocks locks) : PageModel
{
    public bool Locked => ui.User is { } user && locks.IsLocked(user.Id);

    /// <summary>What the last withdrawal did: <c>refused</c>, <c>sent</c>, or null.</summary>
    public string? Withdrawal { get; private set; }

    public IActionResult OnPostWithdraw(string? asset, decimal amount, string? address)
    {
        if (ui.User is not { } user)
        {
            return Challenge();
        }

        Withdrawal = locks.IsLocked(user.Id) ? "refused" : "sent";
        return Page();
    }

    public IActionResult OnPostUnlock()
    {
        if (ui.User is not { } user)
        {
            return Challenge();
        }

        locks.Unlock(user.Id);
        return RedirectToPage();
    }
}
