using SupportSdk.Server.Tests.Chat;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Calendar;

/// <summary>Support hours with holidays, end to end: the status API says when support opens next, and the bot, after
/// hours, says when agents are back and by when a ticket gets its first reply (in business time), in the
/// customer's language.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SupportHoursTests
{
    private static Task<SupportServerHost> StartAsync(FakeTimeProvider time) => SupportServerHost.StartAsync(o =>
    {
        o.SupportTimeZone = "Asia/Shanghai";
        o.SupportOpensAtHour = 9;
        o.SupportClosesAtHour = 18;
        o.SupportDays.Remove(DayOfWeek.Saturday);
        o.SupportDays.Remove(DayOfWeek.Sunday);
        o.SupportHolidays.Add(new DateOnly(2027, 10, 1));
        o.SupportHolidays.Add(new DateOnly(2026, 1, 1)); // past: not published
        o.FirstResponseTargetMinutes["normal"] = 240;
    }, time: time, importFaq: false);

    [Test]
    public async Task On_a_holiday_status_is_closed_and_names_the_next_opening_and_the_coming_holidays()
    {
        // Friday 1 October 2027, 10:00 in Shanghai (02:00Z): a holiday, then the weekend.
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 10, 1, 2, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(time);
        var status = await ReadAsync(await server.Anonymous().GetAsync("/v1/status"), SupportJsonContext.Default.SupportStatus);
        time.SetUtcNow(new DateTimeOffset(2027, 10, 4, 2, 0, 0, TimeSpan.Zero));
        var monday = await ReadAsync(await server.Anonymous().GetAsync("/v1/status"), SupportJsonContext.Default.SupportStatus);
        Assert.Multiple(() =>
        {
            Assert.That(status.IsOpen, Is.False);
            Assert.That(status.NextOpensAt, Is.EqualTo(new DateTimeOffset(2027, 10, 4, 1, 0, 0, TimeSpan.Zero)), "Monday 09:00 in Shanghai");
            Assert.That(status.Hours.Holidays, Is.EqualTo(new[] { "2027-10-01" }));
            Assert.That(monday.IsOpen, Is.True);
            Assert.That(monday.NextOpensAt, Is.Null);
        });
    }

    [TestCase("en-us", "agents are back Monday 4 October, 09:00 (Asia/Shanghai)", "first reply by Monday 4 October, 13:00 (Asia/Shanghai)")]
    [TestCase("zh-cn", "将于10月4日（周一）09:00（Asia/Shanghai）恢复服务", "我们将在10月4日（周一）13:00（Asia/Shanghai）前首次回复")]
    public async Task After_hours_the_bot_says_when_agents_are_back_and_when_a_ticket_gets_its_first_reply(string locale, string back, string reply)
    {
        // Thursday 30 September 2027, 20:00 in Shanghai: after hours, before a holiday and a weekend.
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 9, 30, 12, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(time);
        var user = await server.UserAsync("hours-" + locale, locale);
        var chat = await StartChatAsync(user, locale: locale);
        await CustomerSendsAsync(user, chat.Id, locale == "zh-cn" ? "转人工" : "agent");
        var offer = (await DurableAsync(user, chat.Id))[^1];
        Assert.Multiple(() =>
        {
            Assert.That(offer.From?.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(offer.Text, Does.Contain(back));
            Assert.That(offer.Text, Does.Contain(reply), "4 business hours from Monday's opening");
        });
    }
}
