using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Samples.Tests.Browser;

/// <summary>
/// Base of the browser tests: a fresh browser context (no cookies) and page per test against the running demo,
/// helpers to sign in, and full-page screenshots saved as test attachments.
/// </summary>
public abstract class BrowserTest
{
    private readonly List<IBrowserContext> _others = [];

    /// <summary>Browser contexts a test opened itself: closed after it, screenshotted on failure.</summary>
    protected List<IBrowserContext> Others => _others;
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
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var page in _others.SelectMany(c => c.Pages).Prepend(Page).Where(p => p is not null && !p.IsClosed))
            {
                await ScreenshotAsync(page, "failure");
            }

            TestContext.Out.WriteLine("ExchangeDemo output:\n" + Demo.Output);
        }

        foreach (var other in _others)
        {
            await other.CloseAsync();
        }

        _others.Clear();
        await Context.CloseAsync();
    }

    /// <summary>A page in a fresh browser context of its own (closed after the test): another size, time zone or visitor.</summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? timeZone = null, string locale = "en-US")
    {
        var context = await NewContextAsync(width, height, timeZone, locale);
        _others.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Another visitor: a separate cookie jar; a phone-sized window and another time zone when asked.</summary>
    protected static async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, string? timeZone = null, string locale = "en-US")
    {
        var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Demo.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = width, Height = height },
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

    /// <summary>A client of the demo's support server as one of its users, for setting up what a test needs to see.</summary>
    protected static async Task<SupportSdk.SupportClient> SupportAsAsync(string userId, string name, string locale)
    {
        var options = new SupportSdk.SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportSdk.SupportClient(Demo.BaseAddress, new SupportSdk.ApiKeyCredential(Demo.ApiKey), options);
        var token = await backend.Identity.CreateUserTokenAsync(new SupportSdk.UserTokenRequest { UserId = userId, DisplayName = name, Locale = locale });
        return new SupportSdk.SupportClient(Demo.BaseAddress, new SupportSdk.UserTokenCredential(token.Token), options);
    }

    /// <summary>The demo's support agent, through the SDK's agent API.</summary>
    protected static SupportSdk.SupportClient Agent() =>
        new(Demo.BaseAddress, new SupportSdk.AgentKeyCredential(Demo.AgentKey), new SupportSdk.SupportClientOptions { AllowInsecureLoopback = true });

    protected Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    /// <summary>Saves a full-page screenshot under the test's work directory and attaches it to the result.</summary>
    protected async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        // The method name and, for a test case, its first argument: short enough for any file system.
        var test = TestContext.CurrentContext.Test;
        var argument = test.Arguments.FirstOrDefault()?.ToString();
        var label = Regex.Replace(test.MethodName + (argument is null ? string.Empty : "-" + argument), "[^A-Za-z0-9_-]+", "_");
        var path = Path.Combine(folder, $"{(label.Length > 90 ? label[..90] : label)}-{++_shots:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
