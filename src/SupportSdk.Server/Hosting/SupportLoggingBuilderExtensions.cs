namespace Microsoft.Extensions.Logging;

/// <summary>Log filters for a host that serves the Support API.</summary>
public static class SupportLoggingBuilderExtensions
{
    /// <summary>
    /// Keeps what customers send out of the host's logs. ASP.NET Core writes the raw request URL, query string
    /// included, in its request log (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, Information) and the raw path in
    /// its route matching (<c>Microsoft.AspNetCore.Routing.Matching</c>, Debug); either can hold what a user pasted,
    /// a seed phrase included. This caps both categories at Warning, whatever the configuration says (a filter added
    /// in code after the configuration wins). The Support API's own logs never hold request content.
    /// </summary>
    /// <param name="logging">The host's logging builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logging"/> is null.</exception>
    public static ILoggingBuilder AddSupportServerLogFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Warning);
        return logging;
    }
}
