using System.CommandLine;

namespace ExchangeCli.Cli;

/// <summary>The options every command shares, and the wrapper that gives every command the same error handling.</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON only on stdout (errors too, as {\"error\":{...}})." };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "Support API base URL (default: $SUPPORT_ENDPOINT). Plain http:// only to a loopback address.",
    };

    /// <summary>Wraps a command's body: builds its output, and turns any failure into one stderr line and an exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, CliOutput, CancellationToken, Task<int>> run) =>
        async (result, cancellationToken) =>
        {
            var output = new CliOutput(result.GetValue(Json), Console.Out, Console.Error);
            try
            {
                return await run(result, output, cancellationToken);
            }
#pragma warning disable CA1031 // The CLI's contract: every failure is one line and an exit code, never a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return ErrorReporter.Report(e, output);
            }
        };
}
