namespace ExchangeCli.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>scan</c> and <c>verify</c>: whatever the verdict).</summary>
    public const int Ok = 0;

    /// <summary>The Support API refused the request (404, 409, 422 …) or something unexpected failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: unknown command, missing or invalid argument, missing endpoint, key or credentials.</summary>
    public const int Usage = 2;

    /// <summary>The Support API could not be reached (connection, timeout, circuit open).</summary>
    public const int Unreachable = 3;

    /// <summary>A trust check refused: insecure endpoint, untrusted or expired manifest, a secret in an outgoing text.</summary>
    public const int Refused = 4;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
