using ExchangeDemo.Accounts;

namespace ExchangeDemo.Localization;

/// <summary>
/// Per request: who is signed in and which language to show. The language is the one the visitor picked (cookie),
/// else the signed-in user's, else the browser's, else English. The help center and chat follow it.
/// </summary>
public sealed class UiContext(IHttpContextAccessor accessor)
{
    private UiText? _text;

    public DemoUser? User => accessor.HttpContext is { } http ? DemoUser.Of(http.User) : null;

    public UiText T => _text ??= UiText.For(Resolve());

    /// <summary>The Support API locale for FAQ calls, tickets and chats: en-us or zh-cn.</summary>
    public string Locale => T.Locale;

    private string Resolve()
    {
        var http = accessor.HttpContext;
        if (http is null)
        {
            return Locales.English;
        }

        if (Locales.Normalize(http.Request.Cookies[Locales.CookieName]) is { } picked)
        {
            return picked;
        }

        if (User is { } user)
        {
            return user.Locale;
        }

        var browser = http.Request.Headers.AcceptLanguage.ToString();
        return browser.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Locales.Chinese : Locales.English;
    }
}
