using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// A demo whose support is closed (today and tomorrow are holidays, configured as an exchange would, through
/// <c>Support:*</c>): the chat page says the agents are offline and when they are back, in the visitor's own time
/// zone and language, and the bot still answers.
/// </summary>
[TestFixture]
public sealed class SupportHoursTests : BrowserTest
{
    [TestCase("demo-alice", "en-US", "Asia/Tokyo", "Agents are back")]
    [TestCase("demo-lilei", "zh-CN", "America/New_York", "人工客服恢复时间")]
    [CancelAfter(180_000)]
    public async Task While_support_is_closed_the_chat_page_says_when_agents_are_back(string userId, string locale, string timeZone, string words)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var demo = await DemoProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Support__SupportTimeZone"] = "UTC",
            ["Support__SupportHolidays__0"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Support__SupportHolidays__1"] = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = demo.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, userId);

        await page.GotoAsync("/chat");
        var notice = page.Locator("#chat-hours");
        await Expect(notice).ToContainTextAsync(words);
        var back = DateTimeOffset.Parse((await notice.Locator("time").GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(back, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        Assert.Multiple(async () =>
        {
            Assert.That(back, Is.EqualTo(new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), "midnight UTC after the two holidays");
            Assert.That(await notice.Locator("time").TextContentAsync(), Does.Contain(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                "shown in the visitor's time zone");
        });
        await ScreenshotAsync(page, "chat-support-closed-" + userId);
    }
}
