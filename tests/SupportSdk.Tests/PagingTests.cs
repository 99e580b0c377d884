using System.Net;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

[TestFixture]
public sealed class PagingTests
{
    private static string Page(int from, int count, string? next) =>
        "{\"items\":[" + string.Join(",", Enumerable.Range(from, count).Select(i => TicketJson.Replace("tkt_01", "tkt_" + i, StringComparison.Ordinal))) + "],\"nextCursor\":" + (next is null ? "null" : "\"" + next + "\"") + "}";

    [Test]
    public async Task Pages_are_fetched_only_as_they_are_enumerated()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(1, 2, "c2")).Then(HttpStatusCode.OK, Page(3, 2, "c3")).Then(HttpStatusCode.OK, Page(5, 1, null));
        using var client = Create(handler, time);

        var firstTwo = new List<string>();
        await foreach (var ticket in client.Tickets.GetTicketsAsync(TicketStatus.Open, pageSize: 2))
        {
            firstTwo.Add(ticket.Id);
            if (firstTwo.Count == 2)
            {
                break;
            }
        }

        var requestsAfterBreak = handler.Requests.Count;
        var all = new List<string>();
        await foreach (var ticket in client.Tickets.GetTicketsAsync(TicketStatus.Open, pageSize: 2))
        {
            all.Add(ticket.Id);
        }

        Assert.Multiple(() =>
        {
            Assert.That(requestsAfterBreak, Is.EqualTo(1), "no page is fetched before it is needed");
            Assert.That(handler.Requests[0].PathAndQuery, Is.EqualTo("/v1/tickets?status=open&limit=2"));
            Assert.That(handler.Requests[1].PathAndQuery, Is.EqualTo("/v1/tickets?status=open&limit=2"), "a new enumeration starts at the first page");
            Assert.That(handler.Requests[2].PathAndQuery, Is.EqualTo("/v1/tickets?status=open&limit=2&cursor=c3"));
            Assert.That(all, Is.EqualTo(new[] { "tkt_3", "tkt_4", "tkt_5" }), "the second enumeration continued the script: pages 2 and 3");
        });
    }

    [Test]
    public async Task Pages_can_resume_from_a_saved_cursor()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(7, 1, null));
        using var client = Create(handler, time);
        var pages = new List<Page<Ticket>>();
        await foreach (var page in client.Tickets.GetTicketsAsync().AsPages("saved-cursor"))
        {
            pages.Add(page);
        }

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests.Single().PathAndQuery, Does.EndWith("cursor=saved-cursor"));
            Assert.That(pages.Single().Items.Single().Id, Is.EqualTo("tkt_7"));
        });
    }
}
