using System.CommandLine;
using System.Globalization;
using System.Text;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk.Security;

namespace ExchangeCli.Scan;

/// <summary>
/// <c>scan</c>: reads a message from stdin and tells what the SDK's secret guard would find and do, without ever
/// printing the secret. The message is read from stdin only, never from arguments, so it stays out of shell history
/// and process listings.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(GlobalOptions options)
    {
        var scan = new Command("scan", "Read a message from stdin and report seed phrases, private keys, passwords, 2FA codes and API secrets in it (never printing them). Exits 0 whatever it finds.")
        {
            options.Json,
        };
        scan.SetAction(options.Action(async (_, output, cancellationToken) =>
        {
            if (!Console.IsInputRedirected && !output.Json)
            {
                await Console.Error.WriteLineAsync("Type or paste the message, then press Ctrl+D (Ctrl+Z, Enter on Windows).");
            }

            using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            var text = await stdin.ReadToEndAsync(cancellationToken);
            var findings = SecretScanner.Default.Scan(text);
            var action = SecretPolicy.Default.Decide(findings);
            if (output.Json)
            {
                output.WriteJson(w => WriteJson(w, findings, action));
            }
            else
            {
                WriteHuman(output.Human, text, findings, action);
            }

            return ExitCodes.Ok;
        }));
        return scan;
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<SecretFinding> findings, SecretAction action)
    {
        w.WriteStartObject();
        w.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            w.WriteStartObject();
            w.WriteString("kind", finding.Kind.ToWireName());
            w.WriteNumber("start", finding.Start);
            w.WriteNumber("length", finding.Length);
            w.WriteString("confidence", finding.Confidence.ToWireName());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("action", action.ToWireName());
        w.WriteEndObject();
    }

    private static void WriteHuman(IAnsiConsole console, string text, IReadOnlyList<SecretFinding> findings, SecretAction action)
    {
        if (findings.Count == 0)
        {
            console.MarkupLine("[green]No secrets found.[/] Action: [green]allow[/].");
            return;
        }

        var table = new Table().AddColumns("Kind", "Position", "Length", "Confidence", "Policy");
        foreach (var finding in findings)
        {
            table.AddRow(
                finding.Kind.ToWireName(),
                finding.Start.ToString(CultureInfo.InvariantCulture),
                finding.Length.ToString(CultureInfo.InvariantCulture),
                finding.Confidence.ToWireName(),
                SecretPolicy.Default[finding.Kind].ToWireName());
        }

        console.Write(table);
        console.MarkupLine(action switch
        {
            SecretAction.Block => "Action: [red bold]block[/]. This message holds a secret that gives away your funds or account. Never send it to anyone, support included.",
            SecretAction.Redact => "Action: [yellow bold]redact[/]. It would be sent with each secret replaced by [[redacted]]. Support never needs your password or 2FA codes.",
            SecretAction.Warn => "Action: [yellow]warn[/]. Check the message before sending it.",
            _ => "Action: [green]allow[/].",
        });
        console.MarkupLine("[dim]The message with the secrets masked:[/]");
        console.Write(new Panel(new Text(TerminalText.Clean(Mask(text, findings)))).Border(BoxBorder.Rounded));
    }

    /// <summary>Replaces every finding's span with <c>[kind]</c>; overlapping spans become one mask.</summary>
    public static string Mask(string text, IReadOnlyList<SecretFinding> findings)
    {
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings.OrderBy(f => f.Start))
        {
            if (finding.End <= position)
            {
                continue;
            }

            builder.Append(text, position, Math.Max(0, finding.Start - position)).Append('[').Append(finding.Kind.ToWireName()).Append(']');
            position = Math.Min(text.Length, finding.End);
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}
