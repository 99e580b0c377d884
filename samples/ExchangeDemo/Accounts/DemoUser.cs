using System.Security.Claims;

namespace ExchangeDemo.Accounts;

/// <summary>A demo account: the exchange's own user, known to support by <see cref="Id"/>.</summary>
/// <param name="Id">The exchange's user id (support's userId).</param>
/// <param name="Name">Display name.</param>
/// <param name="Locale">The user's language: en-us or zh-cn.</param>
/// <param name="Initials">Avatar text.</param>
/// <param name="AntiPhishingCode">The code the user chose at the exchange: every real support message shows it.</param>
/// <param name="Email">The verified address the exchange keeps for the user (the demo's own mailbox receives its mail).</param>
public sealed record DemoUser(string Id, string Name, string Locale, string Initials, string AntiPhishingCode, string Email)
{
    public static readonly DemoUser Alice = new("demo-alice", "Alice", "en-us", "A", "BlueOtter42", "alice@mail.example");
    public static readonly DemoUser LiLei = new("demo-lilei", "李雷", "zh-cn", "李", "Panda-8866", "lilei@mail.example");

    public static IReadOnlyList<DemoUser> All { get; } = [Alice, LiLei];

    public static DemoUser? Find(string? id) => All.FirstOrDefault(u => u.Id == id);

    /// <summary>The signed-in demo user of a request, if any.</summary>
    public static DemoUser? Of(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? Find(principal.FindFirstValue(ClaimTypes.NameIdentifier)) : null;
}
