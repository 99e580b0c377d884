using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace ExchangeCli.Cli;

/// <summary>
/// Where a command writes. With <c>--json</c>, stdout carries exactly one JSON document (the result, or
/// <c>{"error":{...}}</c>) and nothing else; without it, stdout is for people (Spectre.Console tables and colours).
/// Errors and warnings always go to stderr as one line each; the spinner goes to stderr, only on a terminal.
/// </summary>
internal sealed class CliOutput
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly Lazy<IAnsiConsole> _human;
    private readonly Lazy<IAnsiConsole> _status;

    public CliOutput(bool json, TextWriter stdout, TextWriter stderr)
    {
        Json = json;
        _stdout = stdout;
        _stderr = stderr;
        // Piped or redirected output gets plain text, no colour codes, and 120 columns instead of Spectre's 80.
        _human = new(() =>
        {
            var redirected = Console.IsOutputRedirected;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
            });
            if (redirected)
            {
                console.Profile.Width = 120;
            }

            return console;
        });
        _status = new(() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) }));
    }

    /// <summary>Gets whether machine JSON was asked for.</summary>
    public bool Json { get; }

    /// <summary>Gets the console for human output (stdout).</summary>
    public IAnsiConsole Human => _human.Value;

    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo) => _stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, typeInfo));

    public void WriteJson(Action<System.Text.Json.Utf8JsonWriter> write) => _stdout.WriteLine(CliJson.Write(write));

    /// <summary>Prints a one-line warning on stderr (never on stdout, so JSON output stays clean).</summary>
    public void Warn(string message) => _stderr.WriteLine("warning: " + TerminalText.Clean(message, singleLine: true));

    /// <summary>Runs a network call, with a spinner on stderr when a person is watching a terminal.</summary>
    public async Task<T> WithSpinnerAsync<T>(string status, Func<Task<T>> work)
    {
        if (Json || Console.IsErrorRedirected || !_status.Value.Profile.Capabilities.Interactive)
        {
            return await work();
        }

        return await _status.Value.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(status), _ => work());
    }

    /// <summary>Reports a failure: one line on stderr and, with <c>--json</c>, an error document on stdout.</summary>
    /// <returns>The exit code.</returns>
    public int Fail(string code, string message, int exitCode, string? requestId = null)
    {
        message = TerminalText.Clean(message, singleLine: true).Trim();
        _stderr.WriteLine($"error: {code}: {message}");
        if (Json)
        {
            WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("code", code);
                w.WriteString("message", message);
                if (requestId is not null)
                {
                    w.WriteString("requestId", requestId);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
        }

        return exitCode;
    }
}
