using System.CommandLine;
using System.Text.Json;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk;

namespace ExchangeCli.Chat;

/// <summary>
/// <c>chat</c>: live chat from the terminal. Each line typed (or piped) is sent; the bot's, agents' and system
/// events are printed as they arrive, with a red warning on messages flagged as a scam risk. <c>/close</c> ends the
/// chat, <c>/ticket</c> turns it into a ticket, end of input leaves it (it stays open: resume it with <c>--chat</c>).
/// With <c>--json</c> every event is one JSON line (JSON Lines).
/// </summary>
internal static class ChatCommand
{
    public static Command Create(GlobalOptions options)
    {
        var chatId = new Option<string?>("--chat") { Description = "Resume this chat instead of starting one." };
        var after = new Option<long>("--after") { Description = "With --chat: only events after this seq." };
        var topic = new Option<string?>("--topic") { Description = "What the chat is about (the bot searches the help center with it)." };
        var locale = new Option<string?>("--locale") { Description = "en-us or zh-cn (default: the user's)." };
        var linger = new Option<double>("--linger") { Description = "Seconds to keep listening after the input ends.", DefaultValueFactory = _ => 3 };
        linger.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 600)
            {
                r.AddError("--linger must be from 0 to 600 seconds.");
            }
        });
        var chat = new Command("chat", "Chat live with support: the bot first, then a person. Type a line to send it; /close ends the chat, /ticket turns it into a ticket.")
        {
            chatId, after, topic, locale, linger, options.Endpoint, options.Json,
        };
        chat.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var endpoint = SupportConnection.ResolveEndpoint(result.GetValue(options.Endpoint));
            using var user = await output.WithSpinnerAsync("Signing in…", () => SupportConnection.ForUserAsync(endpoint, cancellationToken));
            await using var session = result.GetValue(chatId) is { } existing
                ? await user.Client.Chat.ResumeChatAsync(existing, result.GetValue(after), cancellationToken)
                : await user.Client.Chat.StartChatAsync(new StartChatRequest { Topic = result.GetValue(topic), Locale = result.GetValue(locale) }, cancellationToken);
            Started(output, session.ChatId);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var printing = PrintAsync(session, output, stop);
            while (!stop.IsCancellationRequested && await Console.In.ReadLineAsync(stop.Token) is { } line)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == "/close")
                {
                    await session.CloseChatAsync(cancellationToken);
                    break;
                }

                if (line == "/ticket")
                {
                    var ticket = await user.Client.Chat.ConvertChatToTicketAsync(session.ChatId, cancellationToken);
                    Note(output, "ticket", $"The chat is now ticket {ticket.Id}.", w => w.WriteString("ticketId", ticket.Id));
                    continue;
                }

                try
                {
                    var receipt = await session.SendMessageAsync(line, cancellationToken);
                    if (output.Json)
                    {
                        JsonLine(output, w =>
                        {
                            w.WriteString("kind", "sent");
                            w.WriteNumber("seq", receipt.Seq);
                            w.WriteString("clientMessageId", receipt.ClientMessageId);
                        });
                    }
                }
                catch (SensitiveDataException e)
                {
                    // Not fatal in a conversation: say why, send nothing, keep going.
                    var kinds = string.Join(", ", e.Findings.Select(f => f.Kind).Distinct());
                    Note(output, "blocked", $"Not sent: the message contains a secret ({kinds}). Support never needs your seed phrase, private key or API secret.",
                        w => w.WriteString("code", ErrorCodes.SensitiveDataBlocked));
                }
            }

            stop.CancelAfter(TimeSpan.FromSeconds(result.GetValue(linger)));
            await printing;
            return ExitCodes.Ok;
        }));
        return chat;
    }

    private static async Task PrintAsync(ChatSession session, CliOutput output, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var e in session.ReadEventsAsync(stop.Token))
            {
                Print(output, e);
                if (e is ChatClosedEvent)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done listening.
        }
    }

    /// <summary>One JSON object on its own line (chat output is JSON Lines: one event per line).</summary>
    private static void JsonLine(CliOutput output, Action<Utf8JsonWriter> write) => output.WriteJson(w =>
    {
        w.WriteStartObject();
        write(w);
        w.WriteEndObject();
    });

    private static void Started(CliOutput output, string chatId)
    {
        if (output.Json)
        {
            JsonLine(output, w =>
            {
                w.WriteString("kind", "started");
                w.WriteString("chatId", chatId);
            });
        }
        else
        {
            output.Human.MarkupLine($"[grey]Chat {TerminalText.Markup(chatId)}. Type a message and press Enter; /close ends the chat, /ticket turns it into a ticket.[/]");
        }
    }

    private static void Note(CliOutput output, string kind, string text, Action<Utf8JsonWriter> extra)
    {
        if (output.Json)
        {
            JsonLine(output, w =>
            {
                w.WriteString("kind", kind);
                w.WriteString("text", text);
                extra(w);
            });
        }
        else
        {
            output.Human.MarkupLine((kind == "blocked" ? "[red]" : "[green]") + TerminalText.Markup(text) + "[/]");
        }
    }

    private static void Print(CliOutput output, ChatEvent e)
    {
        if (output.Json)
        {
            JsonLine(output, w => ChatEventJson.Write(w, e));
            return;
        }

        var console = output.Human;
        switch (e)
        {
            case ChatMessageEvent m:
                var who = m.From.Role == AuthorRole.Customer ? "you" : $"{m.From.Name} ({m.From.Role})";
                if (m.Flags.Count > 0)
                {
                    console.MarkupLine($"[white on red] WARNING [/] [red]{TerminalText.Markup(Warning(m.Flags))}[/]");
                }

                console.MarkupLine($"[bold]{TerminalText.Markup(who)}:[/] {TerminalText.Markup(m.Text)}");
                if (m.Article is { } article)
                {
                    console.MarkupLine($"  [blue]→ {TerminalText.Markup(article.Title)}[/] {TerminalText.Markup(article.Url)}");
                }

                if (m.QuickReplies.Count > 0)
                {
                    console.MarkupLine($"  [grey]replies: {TerminalText.Markup(string.Join(" | ", m.QuickReplies))}[/]");
                }

                break;
            case ChatQueueEvent q:
                console.MarkupLine($"[grey]In the queue: position {q.Position}{(q.EstimatedWaitSeconds is { } s ? $", about {Math.Max(1, s / 60)} min" : string.Empty)}.[/]");
                break;
            case ChatAgentJoinedEvent j:
                console.MarkupLine($"[green]{TerminalText.Markup(j.AgentName)} joined the chat.[/]");
                break;
            case ChatHandoffEvent h:
                console.MarkupLine($"[grey]Handing you over to a person ({TerminalText.Markup(h.Reason)}).[/]");
                break;
            case ChatClosedEvent:
                console.MarkupLine("[grey]The chat was closed.[/]");
                break;
            case ChatTypingEvent t:
                console.MarkupLine($"[grey]{TerminalText.Markup(t.From.Name)} is typing…[/]");
                break;
        }
    }

    private static string Warning(IReadOnlyList<string> flags) =>
        flags.Contains(MessageFlags.AsksForSecret)
            ? "this message asks for a secret. Real support never asks for your seed phrase, private key, password or 2FA code."
            : "this message links to a site that is not an official channel. Check it with `exchange-cli verify` first.";
}

/// <summary>One chat event as a JSON object: kind, seq, and the fields of its kind.</summary>
internal static class ChatEventJson
{
    public static void Write(Utf8JsonWriter w, ChatEvent e)
    {
        w.WriteString("kind", e.Kind.Value);
        if (e.Seq is { } seq)
        {
            w.WriteNumber("seq", seq);
        }

        switch (e)
        {
            case ChatMessageEvent m:
                w.WriteStartObject("from");
                w.WriteString("role", m.From.Role.Value);
                w.WriteString("name", m.From.Name);
                w.WriteEndObject();
                w.WriteString("text", m.Text);
                w.WriteStartArray("flags");
                foreach (var flag in m.Flags)
                {
                    w.WriteStringValue(flag);
                }

                w.WriteEndArray();
                if (m.Article is { } article)
                {
                    w.WriteStartObject("article");
                    w.WriteString("id", article.Id);
                    w.WriteString("title", article.Title);
                    w.WriteString("url", article.Url);
                    w.WriteEndObject();
                }

                if (m.QuickReplies.Count > 0)
                {
                    w.WriteStartArray("quickReplies");
                    foreach (var reply in m.QuickReplies)
                    {
                        w.WriteStringValue(reply);
                    }

                    w.WriteEndArray();
                }

                break;
            case ChatQueueEvent q:
                w.WriteNumber("position", q.Position);
                if (q.EstimatedWaitSeconds is { } wait)
                {
                    w.WriteNumber("estimatedWaitSeconds", wait);
                }

                break;
            case ChatAgentJoinedEvent j:
                w.WriteString("agent", j.AgentName);
                break;
            case ChatHandoffEvent h:
                w.WriteString("reason", h.Reason);
                break;
            case ChatClosedEvent c:
                w.WriteString("reason", c.Reason);
                break;
            case ChatTypingEvent t:
                w.WriteString("role", t.From.Role.Value);
                break;
            case ChatReadEvent r:
                w.WriteNumber("upToSeq", r.UpToSeq);
                break;
        }
    }
}
