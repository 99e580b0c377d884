using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Samples.Tests.Browser;

/// <summary>
/// Base of the browser tests: a fresh browser context (no cookies) and page per test against the running demo,
/// helpers to sign in, and full-page screenshots saved as test attachments.
/// </summary>
public abstract class BrowserTest
{
    private int _shots;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected static DemoProcess Demo => BrowserSession.Demo;

    [SetUp]
    public async Task OpenPageAsync()
    {
        _shots = 0;
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && Page is not null && !Page.IsClosed)
        {
            await ScreenshotAsync(Page, "failure");
            TestContext.Out.WriteLine("ExchangeDemo output:\n" + Demo.Output);
        }

        await Context.CloseAsync();
    }

    /// <summary>Another visitor: a separate cookie jar.</summary>
    protected static async Task<IBrowserContext> NewContextAsync()
    {
        var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Demo.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    protected static async Task SignInAsync(IPage page, string userId)
    {
        await page.GotoAsync("/signin");
        await page.Locator($"#signin-{userId}").ClickAsync();
        await Assertions.Expect(page.Locator("#current-user")).ToBeVisibleAsync();
    }

    protected Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    /// <summary>Saves a full-page screenshot under the test's work directory and attaches it to the result.</summary>
    protected async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        var test = Regex.Replace(TestContext.CurrentContext.Test.Name, "[^A-Za-z0-9_-]+", "_");
        var path = Path.Combine(folder, $"{test}-{++_shots:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
