namespace ExchangeCli.Cli;

/// <summary>A failure the CLI detects itself, with its stable code and exit code. The message never holds a secret.</summary>
internal sealed class CliException(string code, string message, int exitCode) : Exception(message)
{
    public string Code { get; } = code;

    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new("usage", message, ExitCodes.Usage);
}
