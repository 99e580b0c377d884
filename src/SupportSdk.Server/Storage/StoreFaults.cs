using System.Data.Common;
using System.Net.Sockets;

namespace SupportSdk.Server.Storage;

/// <summary>
/// Tells a store that is unreachable for now (the database is down, restarting, refusing connections, or the file
/// is busy) from a fault in the request or the code: the first is a 503 <c>store_unavailable</c> with Retry-After
/// that a client retries, the second stays a 500. Engine-neutral: it reads what every ADO.NET driver reports.
/// </summary>
internal static class StoreFaults
{
    /// <summary>How long a client is asked to wait before retrying.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbException db when db.IsTransient || IsConnectionState(db.SqlState):
                case SocketException:
                case TimeoutException:
                case IOException when error is DbException:
                    return true;
            }
        }

        return false;
    }

    // SQLSTATE class 08 (connection exception), 57P01–57P03 (the server shuts down or is starting), 53300 (too many
    // connections): the database is not there for now.
    private static bool IsConnectionState(string? state) =>
        state is { Length: 5 } && (state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300");
}
