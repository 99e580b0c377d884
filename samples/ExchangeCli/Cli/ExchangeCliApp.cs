using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text;
using ExchangeCli.Chat;
using ExchangeCli.Faq;
using ExchangeCli.Scan;
using ExchangeCli.Tickets;
using ExchangeCli.Verify;

namespace ExchangeCli.Cli;

/// <summary>The exchange-cli command tree: scan, verify, faq, ticket, chat.</summary>
internal static class ExchangeCliApp
{
    public const string Name = "exchange-cli";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var options = new GlobalOptions();
        var root = new RootCommand("exchange-cli: an exchange's support from the terminal. Help center, tickets, live chat, official-channel checks and a secret scanner.")
        {
            ScanCommand.Create(options),
            VerifyCommand.Create(options),
            FaqCommands.Create(options),
            TicketCommands.Create(options),
            ChatCommand.Create(options),
            ExchangeCli.Transcripts.TranscriptCommand.Create(options),
        };

        // No response files: '@name' is a social handle to verify, not a file of arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            return UsageError(parse);
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Bad usage: one line on stderr naming the problem and where help is (plus a JSON error with --json); exit 2.</summary>
    private static int UsageError(ParseResult parse)
    {
        var json = parse.Tokens.Any(t => t.Value == "--json");
        var output = new CliOutput(json, Console.Out, Console.Error);
        var message = string.Join(" ", parse.Errors.Select(e => e.Message.Trim()).Distinct(StringComparer.Ordinal));
        return output.Fail("usage", $"{message} See '{CommandPath(parse.CommandResult)} --help'.", ExitCodes.Usage);
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult { Parent: not null } c; result = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', [Name, .. names]);
    }
}
