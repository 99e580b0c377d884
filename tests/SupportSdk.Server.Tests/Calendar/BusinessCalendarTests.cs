using SupportSdk.Server.Status;

namespace SupportSdk.Server.Tests.Calendar;

/// <summary>Business time across a weekend, holidays and both daylight-saving changes, and its arithmetic on many random cases.</summary>
[TestFixture]
public sealed class BusinessCalendarTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessCalendar Office(string zone, params DateOnly[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), Weekdays, 9, 18, holidays);

    private static BusinessCalendar AroundTheClock(string zone) => new(TimeZoneInfo.FindSystemTimeZoneById(zone), Enum.GetValues<DayOfWeek>(), 0, 24, []);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Test]
    public void A_weekend_does_not_count()
    {
        var london = Office("Europe/London");
        var fridayFivePm = Utc(2026, 11, 6, 17); // GMT: local time = UTC
        Assert.Multiple(() =>
        {
            Assert.That(london.Add(fridayFivePm, TimeSpan.FromHours(2)), Is.EqualTo(Utc(2026, 11, 9, 10)), "one hour on Friday, one on Monday");
            Assert.That(london.Between(fridayFivePm, Utc(2026, 11, 9, 10)), Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(london.IsOpen(Utc(2026, 11, 7, 12)), Is.False, "Saturday noon");
            Assert.That(london.NextOpening(Utc(2026, 11, 7, 12)), Is.EqualTo(Utc(2026, 11, 9, 9)));
            Assert.That(london.IsOpen(Utc(2026, 11, 9, 9)), Is.True, "opening time is open");
            Assert.That(london.IsOpen(Utc(2026, 11, 9, 18)), Is.False, "closing time is closed");
            Assert.That(london.NextOpening(Utc(2026, 11, 9, 12)), Is.EqualTo(Utc(2026, 11, 9, 12)), "already open");
        });
    }

    [Test]
    public void Holidays_do_not_count_and_opening_waits_for_them()
    {
        var london = Office("Europe/London", new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28));
        var christmasEveFivePm = Utc(2026, 12, 24, 17);
        Assert.Multiple(() =>
        {
            Assert.That(london.Add(christmasEveFivePm, TimeSpan.FromHours(2)), Is.EqualTo(Utc(2026, 12, 29, 10)),
                "Thursday's last hour, then Friday (holiday), the weekend and Monday (holiday) skipped");
            Assert.That(london.IsOpen(Utc(2026, 12, 25, 12)), Is.False);
            Assert.That(london.NextOpening(Utc(2026, 12, 25, 12)), Is.EqualTo(Utc(2026, 12, 29, 9)));
            Assert.That(london.Between(Utc(2026, 12, 24, 0), Utc(2026, 12, 30, 0)), Is.EqualTo(TimeSpan.FromHours(18)), "the 24th and the 29th");
        });
    }

    [Test]
    public void Office_hours_follow_the_clock_across_the_spring_change()
    {
        // New York springs forward on Sunday 14 March 2027: Friday 17:00 EST is 22:00Z, Monday 10:00 EDT is 14:00Z.
        var newYork = Office("America/New_York");
        Assert.Multiple(() =>
        {
            Assert.That(newYork.Add(Utc(2027, 3, 12, 22), TimeSpan.FromHours(2)), Is.EqualTo(Utc(2027, 3, 15, 14)));
            Assert.That(newYork.NextOpening(Utc(2027, 3, 13, 12)), Is.EqualTo(Utc(2027, 3, 15, 13)), "09:00 EDT");
        });
    }

    [Test]
    public void Around_the_clock_counts_real_hours_across_both_changes()
    {
        var newYork = AroundTheClock("America/New_York");
        var london = AroundTheClock("Europe/London");
        Assert.Multiple(() =>
        {
            // Saturday 13 March 2027 20:00 EST + 10 h: the clock skips 02:00–03:00, so it reads 07:00 EDT (11:00Z).
            Assert.That(newYork.Add(Utc(2027, 3, 14, 1), TimeSpan.FromHours(10)), Is.EqualTo(Utc(2027, 3, 14, 11)));
            Assert.That(newYork.Between(Utc(2027, 3, 13, 5), Utc(2027, 3, 15, 4)), Is.EqualTo(TimeSpan.FromHours(47)), "the short Sunday is 23 hours");

            // London falls back on Sunday 25 October 2026: Saturday 22:00 BST (21:00Z) + 6 h is 03:00 GMT (03:00Z).
            Assert.That(london.Add(Utc(2026, 10, 24, 21), TimeSpan.FromHours(6)), Is.EqualTo(Utc(2026, 10, 25, 3)));
            Assert.That(london.Between(Utc(2026, 10, 24, 23), Utc(2026, 10, 26, 0)), Is.EqualTo(TimeSpan.FromHours(25)), "the long Sunday is 25 hours");
        });
    }

    [Test]
    public void An_opening_hour_the_clock_skips_opens_at_the_change()
    {
        // 02:00 does not exist in New York on 14 March 2027: the day opens when the clock jumps to 03:00 EDT (07:00Z).
        var earlyBirds = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), [DayOfWeek.Sunday], 2, 6, []);
        Assert.Multiple(() =>
        {
            Assert.That(earlyBirds.NextOpening(Utc(2027, 3, 14, 0)), Is.EqualTo(Utc(2027, 3, 14, 7)));
            Assert.That(earlyBirds.Between(Utc(2027, 3, 14, 0), Utc(2027, 3, 15, 0)), Is.EqualTo(TimeSpan.FromHours(3)), "03:00–06:00 EDT");
        });
    }

    [TestCase("Europe/London")]
    [TestCase("America/New_York")]
    [TestCase("Asia/Shanghai")]
    [TestCase("Australia/Sydney")]
    public void Adding_then_measuring_gives_back_the_business_time_on_random_cases(string zone)
    {
        var calendar = Office(zone, new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 5), new DateOnly(2027, 10, 1));
        var random = new Random(20261206);
        for (var i = 0; i < 2_000; i++)
        {
            var start = Utc(2026, 9, 1, 0).AddMinutes(random.Next(0, 500 * 24 * 60));
            var business = TimeSpan.FromMinutes(random.Next(0, 200 * 60));
            var due = calendar.Add(start, business);
            Assert.That(calendar.Between(start, due), Is.EqualTo(business), $"{start:o} + {business}");
            Assert.That(due, Is.GreaterThanOrEqualTo(start));
            if (business > TimeSpan.Zero)
            {
                Assert.That(calendar.IsOpen(due.AddTicks(-1)), Is.True, $"{start:o} + {business} ends in business hours");
            }
        }
    }
}
