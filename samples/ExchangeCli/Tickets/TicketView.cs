using System.Globalization;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk;

namespace ExchangeCli.Tickets;

/// <summary>How tickets and messages are printed: the SDK's wire JSON with <c>--json</c>, Spectre tables otherwise.</summary>
internal static class TicketView
{
    public static int Ticket(CliOutput output, Ticket ticket, string headline)
    {
        if (output.Json)
        {
            output.WriteJson(ticket, CliJson.Support.Ticket);
            return ExitCodes.Ok;
        }

        output.Human.MarkupLine($"[green]{TerminalText.Markup(headline, singleLine: true)}[/]");
        output.Human.Write(Summary(ticket));
        return ExitCodes.Ok;
    }

    public static int List(CliOutput output, Page<Ticket> page)
    {
        if (output.Json)
        {
            output.WriteJson(page, CliJson.Support.PageTicket);
            return ExitCodes.Ok;
        }

        if (page.Items.Count == 0)
        {
            output.Human.MarkupLine("No tickets.");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Id", "Status", "Priority", "Updated (UTC)", "Subject");
        table.Columns[0].NoWrap();
        table.Columns[1].NoWrap();
        table.Columns[3].NoWrap();
        foreach (var ticket in page.Items)
        {
            table.AddRow(TerminalText.Cell(ticket.Id), Status(ticket.Status), TerminalText.Cell(ticket.Priority.Value),
                new Text(Time(ticket.UpdatedAt)), new Text(TerminalText.Clean(ticket.Subject, singleLine: true)));
        }

        output.Human.Write(table);
        if (page.NextCursor is { } next)
        {
            output.Human.MarkupLine($"[dim]More: exchange-cli ticket list --cursor {TerminalText.Markup(next)}[/]");
        }

        return ExitCodes.Ok;
    }

    public static int Show(CliOutput output, Ticket ticket, IReadOnlyList<TicketMessage> messages)
    {
        if (output.Json)
        {
            output.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("ticket");
                System.Text.Json.JsonSerializer.Serialize(w, ticket, CliJson.Support.Ticket);
                w.WriteStartArray("messages");
                foreach (var message in messages)
                {
                    System.Text.Json.JsonSerializer.Serialize(w, message, CliJson.Support.TicketMessage);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        output.Human.Write(Summary(ticket));
        foreach (var message in messages)
        {
            WriteMessage(output.Human, message);
        }

        return ExitCodes.Ok;
    }

    public static int Message(CliOutput output, TicketMessage message)
    {
        if (output.Json)
        {
            output.WriteJson(message, CliJson.Support.TicketMessage);
            return ExitCodes.Ok;
        }

        output.Human.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]Sent message #{message.Seq}.[/]"));
        return ExitCodes.Ok;
    }

    private static Grid Summary(Ticket ticket)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Text("Ticket"), TerminalText.Cell(ticket.Id));
        grid.AddRow(new Text("Subject"), new Text(TerminalText.Clean(ticket.Subject, singleLine: true)));
        grid.AddRow(new Text("Status"), Status(ticket.Status));
        grid.AddRow(new Text("Priority"), TerminalText.Cell($"{ticket.Priority.Value} · {ticket.Category.Value} · tier {ticket.Tier.ToString(CultureInfo.InvariantCulture)}"));
        grid.AddRow(new Text("Opened"), new Text($"{Time(ticket.CreatedAt)} UTC, updated {Time(ticket.UpdatedAt)} UTC"));
        if (ticket.Assignee is { } assignee)
        {
            grid.AddRow(new Text("Agent"), TerminalText.Cell(assignee));
        }

        if (ticket.Rating is { } rating)
        {
            var stars = new string('★', rating.Score) + new string('☆', 5 - rating.Score);
            grid.AddRow(new Text("Rating"), TerminalText.Cell(rating.Comment is null ? stars : $"{stars} {rating.Comment}"));
        }

        return grid;
    }

    private static void WriteMessage(IAnsiConsole console, TicketMessage message)
    {
        var who = $"{TerminalText.Markup(message.From.Name, singleLine: true)} ({TerminalText.Markup(message.From.Role.Value)})";
        console.WriteLine();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]#{message.Seq} {who}[/] [dim]{Time(message.CreatedAt)} UTC[/]"));
        if (message.Flags.Contains(MessageFlags.AsksForSecret))
        {
            console.MarkupLine("[red bold]Warning: this message asks for a secret.[/] [red]Real support never asks for your seed phrase, private keys, password or 2FA codes. Do not answer it.[/]");
        }

        if (message.Flags.Contains(MessageFlags.UnofficialLink))
        {
            console.MarkupLine("[red bold]Warning: this message links outside the exchange's official sites.[/] [red]Check links with: exchange-cli verify URL[/]");
        }

        console.WriteLine(TerminalText.Clean(message.Body));
        foreach (var attachment in message.Attachments)
        {
            console.MarkupLine($"[dim]attachment: {TerminalText.Markup(attachment.FileName, singleLine: true)} ({TerminalText.Markup(attachment.Id)})[/]");
        }
    }

    private static Markup Status(TicketStatus status)
    {
        var colour = status.Value switch
        {
            "open" => "yellow",
            "pending_customer" => "darkorange",
            "pending_agent" => "blue",
            "escalated" => "red",
            "resolved" => "green",
            _ => "grey",
        };
        return new Markup($"[{colour}]{TerminalText.Markup(status.Value)}[/]");
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
