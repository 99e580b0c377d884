using Microsoft.Playwright;
using SupportSdk;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// The demo registers its webhook endpoint once: a restart on the same data folder (on another port) keeps the endpoint
/// and its secret, points it at the new address, and the bell still rings. The secret lives in an owner-only file and
/// is never printed.
/// </summary>
[TestFixture]
public sealed class WebhookRegistrationTests : BrowserTest
{
    [Test]
    [CancelAfter(180_000)]
    public async Task A_restart_reuses_the_webhook_endpoint_and_its_secret_and_the_bell_still_rings()
    {
        var data = Directory.CreateTempSubdirectory("exchange-demo-restart-").FullName;
        try
        {
            string firstId;
            string firstSecret;
            await using (var first = await DemoProcess.StartAsync(data))
            {
                firstId = first.WebhookId;
                firstSecret = first.WebhookSecret;
                Assert.That(firstSecret, Does.StartWith("whsec_"));
                Assert.That(first.Output, Does.Contain(firstId));
                Assert.That(first.Output.Contains(firstSecret, StringComparison.Ordinal), Is.False, "the secret is never printed");
                if (!OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(Path.Combine(data, "webhook.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }
            }

            await using var second = await DemoProcess.StartAsync(data);
            // Compared without echoing the secret in a failure message.
            Assert.That(second.WebhookId, Is.EqualTo(firstId), "the same endpoint");
            Assert.That(second.WebhookSecret == firstSecret, Is.True, "the same secret");
            Assert.That(second.Output, Does.Contain(firstId));
            Assert.That(second.Output.Contains(firstSecret, StringComparison.Ordinal), Is.False, "the secret is never printed");

            var options = new SupportClientOptions { AllowInsecureLoopback = true };
            using (var backend = new SupportClient(second.BaseAddress, new ApiKeyCredential(second.ApiKey), options))
            {
                var endpoints = new List<WebhookEndpoint>();
                await foreach (var endpoint in backend.Webhooks.GetWebhooksAsync())
                {
                    endpoints.Add(endpoint);
                }

                Assert.That(endpoints, Has.Count.EqualTo(1), "one endpoint after two starts");
                Assert.That(endpoints[0].Id, Is.EqualTo(firstId));
                Assert.That(endpoints[0].Url, Is.EqualTo(new Uri(second.BaseAddress, "/hooks/support").AbsoluteUri), "moved to the new port");
                Assert.That(endpoints[0].Enabled, Is.True);
                Assert.That(endpoints[0].Events, Is.EquivalentTo(new[] { "ticket.message_added", "ticket.status_changed", "chat.agent_joined", "secret.blocked", "account.lock_requested" }));
            }

            // The restarted receiver verifies with the kept secret: support's reply rings the bell.
            await using var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = second.BaseAddress.ToString() });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            await SignInAsync(page, "demo-alice");
            using var user = new SupportClient(second.BaseAddress, new UserTokenCredential((await MintAsync(second, options)).Token), options);
            var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "After a restart", Body = "Is anyone there?", Category = TicketCategory.Other });
            using (var agent = new SupportClient(second.BaseAddress, new AgentKeyCredential(second.AgentKey), options))
            {
                await agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "Yes, we are." });
            }

            await Expect(page.Locator("#bell-count")).ToHaveTextAsync("1");
            await page.Locator("#bell-button").ClickAsync();
            await Expect(page.Locator("#bell-list .bell-item.unread")).ToContainTextAsync("Support replied to your ticket “After a restart”");
            await ScreenshotAsync(page, "bell-after-restart");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<UserToken> MintAsync(DemoProcess demo, SupportClientOptions options)
    {
        using var backend = new SupportClient(demo.BaseAddress, new ApiKeyCredential(demo.ApiKey), options);
        return await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "demo-alice", DisplayName = "Alice", Locale = "en-us" });
    }
}
