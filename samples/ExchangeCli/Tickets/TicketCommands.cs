using System.CommandLine;
using ExchangeCli.Cli;
using SupportSdk;

namespace ExchangeCli.Tickets;

/// <summary>
/// <c>ticket create|list|show|reply|close|rate</c>, as the signed-in user (see <see cref="SupportConnection"/>).
/// Subjects, bodies, replies and comments pass the SDK's secret guard before anything is sent.
/// </summary>
internal static class TicketCommands
{
    public static Command Create(GlobalOptions options)
    {
        var ticket = new Command("ticket", "Your support tickets: open, list, read, reply, close and rate them.");
        foreach (var command in new[] { CreateCommand(options), ListCommand(options), ShowCommand(options), ReplyCommand(options), CloseCommand(options), RateCommand(options) })
        {
            command.Add(options.Endpoint);
            command.Add(options.Json);
            ticket.Subcommands.Add(command);
        }

        return ticket;
    }

    private static Argument<string> TicketId() => new("ticket-id") { Description = "The ticket id (tkt_…), as printed by ticket create or ticket list." };

    private static Command CreateCommand(GlobalOptions options)
    {
        var subject = new Option<string>("--subject") { Description = "One-line summary (1-200 characters).", Required = true };
        var body = new Option<string>("--body") { Description = "What happened (1-20,000 characters).", Required = true };
        var category = new Option<string>("--category") { Description = "What it is about.", DefaultValueFactory = _ => TicketCategory.Other.Value };
        category.AcceptOnlyFromAmong([.. TicketCategory.KnownValues.Select(c => c.Value)]);
        var priority = new Option<string?>("--priority") { Description = "How urgent (default normal)." };
        priority.AcceptOnlyFromAmong([.. TicketPriority.KnownValues.Select(p => p.Value)]);
        var create = new Command("create", "Open a ticket.") { subject, body, category, priority };
        create.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var request = new CreateTicketRequest
            {
                Subject = result.GetValue(subject)!,
                Body = result.GetValue(body)!,
                Category = new TicketCategory(result.GetValue(category)!),
                Priority = result.GetValue(priority) is { } p ? new TicketPriority(p) : (TicketPriority?)null,
            };
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var created = await output.WithSpinnerAsync("Opening the ticket…", () => session.Client.Tickets.CreateTicketAsync(request, cancellationToken: cancellationToken));
            return TicketView.Ticket(output, created, $"Opened ticket {created.Id}.");
        }));
        return create;
    }

    private static Command ListCommand(GlobalOptions options)
    {
        var status = new Option<string?>("--status") { Description = "Only tickets in this status." };
        status.AcceptOnlyFromAmong([.. TicketStatus.KnownValues.Select(s => s.Value)]);
        var limit = new Option<int>("--limit") { Description = "Tickets per page (1-100).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--limit must be from 1 to 100.");
            }
        });
        var cursor = new Option<string?>("--cursor") { Description = "Continue from the nextCursor of an earlier page." };
        var list = new Command("list", "List your tickets, newest first, one page at a time.") { status, limit, cursor };
        list.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var filter = result.GetValue(status) is { } s ? new TicketStatus(s) : (TicketStatus?)null;
            var page = await output.WithSpinnerAsync("Fetching your tickets…", async () =>
            {
                await foreach (var first in session.Client.Tickets.GetTicketsAsync(filter, result.GetValue(limit)).AsPages(result.GetValue(cursor), cancellationToken))
                {
                    return first;
                }

                return new Page<Ticket>();
            });
            return TicketView.List(output, page);
        }));
        return list;
    }

    private static Command ShowCommand(GlobalOptions options)
    {
        var id = TicketId();
        var show = new Command("show", "Show a ticket and its messages (messages from support that ask for secrets or link off-site are flagged).") { id };
        show.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var (ticket, messages) = await output.WithSpinnerAsync("Fetching the ticket…", async () =>
            {
                var found = await session.Client.Tickets.GetTicketAsync(result.GetValue(id)!, cancellationToken);
                var all = new List<TicketMessage>();
                await foreach (var message in session.Client.Tickets.GetMessagesAsync(found.Id).WithCancellation(cancellationToken))
                {
                    all.Add(message);
                }

                return (found, all);
            });
            return TicketView.Show(output, ticket, messages);
        }));
        return show;
    }

    private static Command ReplyCommand(GlobalOptions options)
    {
        var id = TicketId();
        var text = new Option<string>("--text") { Description = "Your reply (1-20,000 characters).", Required = true };
        var reply = new Command("reply", "Reply on a ticket.") { id, text };
        reply.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var body = result.GetValue(text)!;
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var message = await output.WithSpinnerAsync("Sending the reply…",
                () => session.Client.Tickets.AddMessageAsync(result.GetValue(id)!, new ReplyRequest { Body = body }, cancellationToken: cancellationToken));
            return TicketView.Message(output, message);
        }));
        return reply;
    }

    private static Command CloseCommand(GlobalOptions options)
    {
        var id = TicketId();
        var close = new Command("close", "Close a ticket.") { id };
        close.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var closed = await output.WithSpinnerAsync("Closing the ticket…", () => session.Client.Tickets.CloseTicketAsync(result.GetValue(id)!, cancellationToken));
            return TicketView.Ticket(output, closed, $"Closed ticket {closed.Id}. Rate the help you got: exchange-cli ticket rate {closed.Id} --score 1-5");
        }));
        return close;
    }

    private static Command RateCommand(GlobalOptions options)
    {
        var id = TicketId();
        var score = new Option<int>("--score") { Description = "1 (very unhappy) to 5 (very happy).", Required = true };
        score.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 5)
            {
                r.AddError("--score must be from 1 to 5.");
            }
        });
        var comment = new Option<string?>("--comment") { Description = "Optional comment (at most 2,000 characters)." };
        var rate = new Command("rate", "Rate a resolved or closed ticket, once.") { id, score, comment };
        rate.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var note = result.GetValue(comment);
            using var session = await SignInAsync(result, options, output, cancellationToken);
            var rated = await output.WithSpinnerAsync("Sending the rating…",
                () => session.Client.Tickets.RateTicketAsync(result.GetValue(id)!, new RateTicketRequest { Score = result.GetValue(score), Comment = note }, cancellationToken));
            return TicketView.Ticket(output, rated, $"Thanks: rated ticket {rated.Id}.");
        }));
        return rate;
    }

    private static Task<UserSession> SignInAsync(ParseResult result, GlobalOptions options, CliOutput output, CancellationToken cancellationToken)
    {
        var endpoint = SupportConnection.ResolveEndpoint(result.GetValue(options.Endpoint));
        return output.WithSpinnerAsync("Signing in…", () => SupportConnection.ForUserAsync(endpoint, cancellationToken));
    }
}
