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
            Missing($"Headless browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium fonts-noto-cjk (.ci/run installs both).");
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
            Missing("fc-list (fontconfig) is missing: apt-get install chromium fonts-noto-cjk.");
            return;
        }

        if (!fonts.Contains("Noto Sans CJK", StringComparison.Ordinal) && !fonts.Contains("Noto Serif CJK", StringComparison.Ordinal))
        {
            Missing("No Chinese font is installed, so Chinese pages would render as boxes: apt-get install fonts-noto-cjk.");
        }
    }

    /// <summary>
    /// A prerequisite the machine lacks: on a developer's machine every browser test is skipped with this reason; on CI
    /// (<c>CI=true</c>, which <c>.ci/run</c> sets after installing them) it is a failure, so CI never passes by skipping.
    /// </summary>
    private static void Missing(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }
}
