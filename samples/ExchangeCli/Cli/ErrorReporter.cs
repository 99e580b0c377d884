using System.Text;
using SupportSdk;

namespace ExchangeCli.Cli;

/// <summary>Turns every failure into one line on stderr (plus a JSON error with <c>--json</c>) and an exit code; never a stack trace.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, CliOutput output) => exception switch
    {
        CliException e => output.Fail(e.Code, e.Message, e.ExitCode),
        SecureChannelException { Failure: SecureChannelFailure.InsecureScheme } e => output.Fail("insecure_scheme",
            e.Message + " Use an https:// endpoint (http:// only to 127.0.0.1, ::1 or localhost).", ExitCodes.Refused),
        SecureChannelException e => output.Fail(SnakeCase(e.Failure.ToString()), e.Message, ExitCodes.Refused),
        SupportApiException { Status: 0 } e => output.Fail(e.ErrorCode, WithCause(e), ExitCodes.Unreachable, e.RequestId),
        SupportApiException e => output.Fail(e.ErrorCode, WithFieldErrors(e),
            e.ErrorCode == ErrorCodes.SensitiveDataBlocked ? ExitCodes.Refused : ExitCodes.Failed, e.RequestId),
        OperationCanceledException => output.Fail("cancelled", "Cancelled.", ExitCodes.Cancelled),
        _ => output.Fail("unexpected_error", $"{exception.GetType().Name}: {exception.Message}", ExitCodes.Failed),
    };

    private static string WithCause(SupportApiException e) =>
        e.InnerException is { Message.Length: > 0 } inner && e.ErrorCode == SupportApiException.TransportErrorCode
            ? $"{e.Message} ({inner.Message})"
            : e.Message;

    private static string WithFieldErrors(SupportApiException e)
    {
        if (e.Problem?.Errors is not { Count: > 0 } errors)
        {
            return e.Problem?.Detail is { Length: > 0 } detail ? $"{e.Message}: {detail}" : e.Message;
        }

        return e.Message + ": " + string.Join("; ", errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"));
    }

    /// <summary><c>ManifestUntrusted</c> → <c>manifest_untrusted</c>, like the API's error codes.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
