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
        var time = new RecordingTimeProvider();
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
        var time = new RecordingTimeProvider();
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

    [Test]
    public async Task The_token_given_to_the_list_method_cancels_its_page_fetches()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Page(1, 1, "c2")).ThenHang();
        using var client = Create(handler, time);
        using var cancel = new CancellationTokenSource();
        var seen = new List<string>();

        var enumeration = Task.Run(async () =>
        {
            await foreach (var ticket in client.Tickets.GetTicketsAsync(cancellationToken: cancel.Token))
            {
                seen.Add(ticket.Id);
                await cancel.CancelAsync(); // the second page is hanging: only this token can end it
            }
        });

        Assert.That(await Task.WhenAny(enumeration, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(enumeration), "the list's token ended the enumeration");
        Assert.Multiple(() =>
        {
            Assert.That(async () => await enumeration, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(seen, Is.EqualTo(new[] { "tkt_1" }));
            Assert.That(handler.Requests, Has.Count.AtMost(2));
        });
    }

    [Test]
    public async Task Either_token_cancels_when_both_are_given()
    {
        var handler = new ScriptedHandler().ThenHang();
        using var client = Create(handler, new RecordingTimeProvider());
        using var listToken = new CancellationTokenSource();
        using var enumerationToken = new CancellationTokenSource();
        var pages = client.Tickets.GetTicketsAsync(cancellationToken: listToken.Token);

        var enumeration = pages.AsPages(cancellationToken: enumerationToken.Token).GetAsyncEnumerator().MoveNextAsync().AsTask();
        while (handler.Requests.Count == 0)
        {
            await Task.Delay(5);
        }

        await enumerationToken.CancelAsync();
        Assert.That(await Task.WhenAny(enumeration, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(enumeration), "the enumeration's token ended the fetch");
        Assert.That(async () => await enumeration, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_pageable_made_for_mocking_is_an_empty_list_not_a_null_reference()
    {
        var mocked = new MockedTickets();
        var items = new List<Ticket>();
        await foreach (var ticket in mocked)
        {
            items.Add(ticket);
        }

        var pages = new List<Page<Ticket>>();
        await foreach (var page in mocked.AsPages())
        {
            pages.Add(page);
        }

        Assert.Multiple(() =>
        {
            Assert.That(items, Is.Empty);
            Assert.That(pages.Single().Items, Is.Empty);
        });
    }

    [Test]
    public async Task A_mocked_client_returns_pages_built_by_the_model_factory()
    {
        var list = SupportModelFactory.AsyncPageable<Ticket>(
        [
            new Page<Ticket> { Items = [SupportModelFactory.Ticket("tkt_a"), SupportModelFactory.Ticket("tkt_b")] },
            new Page<Ticket> { Items = [SupportModelFactory.Ticket("tkt_c")] },
        ]);
        var client = new MockedTicketsClient(list);

        var all = new List<string>();
        await foreach (var ticket in client.GetTicketsAsync())
        {
            all.Add(ticket.Id);
        }

        var resumed = new List<string>();
        await foreach (var page in client.GetTicketsAsync().AsPages("1"))
        {
            resumed.AddRange(page.Items.Select(t => t.Id));
        }

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EqualTo(new[] { "tkt_a", "tkt_b", "tkt_c" }));
            Assert.That(resumed, Is.EqualTo(new[] { "tkt_c" }), "resumed from the second page's cursor");
            Assert.That(() => client.GetTicketsAsync().AsPages("7").GetAsyncEnumerator().MoveNextAsync().AsTask(), Throws.ArgumentException);
        });
    }

    private sealed class MockedTickets : AsyncPageable<Ticket>;

    private sealed class MockedTicketsClient(AsyncPageable<Ticket> tickets) : TicketsClient
    {
        public override AsyncPageable<Ticket> GetTicketsAsync(TicketStatus? status = null, int pageSize = 20, CancellationToken cancellationToken = default) => tickets;
    }
}
