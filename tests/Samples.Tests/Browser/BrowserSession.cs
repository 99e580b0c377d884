using System.Diagnostics;
using Microsoft.Playwright;

namespace Samples.Tests.Browser;

/// <summary>
/// One ExchangeDemo process and one headless Debian Chromium for all browser tests (started once, stopped at the
/// end). Playwright drives the installed browser through <c>ExecutablePath</c>; it never downloads one.
/// </summary>
[SetUpFixture]
public sealed class BrowserSession
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static IPlaywright? _playwright;

    public static DemoProcess Demo { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Headless browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium fonts-noto-cjk (.ci/run installs both).");
        }

        RequireChineseFont();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Demo = await DemoProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        // Generous for a 2-core CI machine running other test assemblies at the same time; a test still fails when a page never shows it.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Demo is not null)
        {
            await Demo.DisposeAsync();
        }
    }

    /// <summary>Chinese pages must render as text, not boxes: a CJK font (fonts-noto-cjk) must be installed.</summary>
    private static void RequireChineseFont()
    {
        var info = new ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true, UseShellExecute = false };
        string fonts;
        try
        {
            using var process = Process.Start(info)!;
            fonts = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("fc-list (fontconfig) is missing: install chromium and fonts-noto-cjk.");
            return;
        }

        Assert.That(fonts, Does.Contain("Noto Sans CJK").Or.Contain("Noto Serif CJK"),
            "No Chinese font is installed, so Chinese pages would render as boxes: apt-get install fonts-noto-cjk.");
    }
}
