using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SupportDesk;

/// <summary>
/// The agent console: one static page at <c>/agent</c> (HTML, CSS and JS embedded in this assembly, no CDN) that
/// talks to the public agent API with the key the agent pastes in. It follows chats with the long-poll endpoint:
/// browsers cannot set an Authorization header on a WebSocket.
/// </summary>
public static class AgentConsole
{
    private const string Policy = "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Serve(endpoints, "/agent", "agent.html", "text/html; charset=utf-8");
        Serve(endpoints, "/agent/console.js", "console.js", "text/javascript; charset=utf-8");
        Serve(endpoints, "/agent/console.css", "console.css", "text/css; charset=utf-8");
    }

    private static void Serve(IEndpointRouteBuilder endpoints, string path, string file, string contentType)
    {
        var content = Read(file);
        endpoints.MapGet(path, (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = Policy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(content, contentType);
        }).ExcludeFromDescription();
    }

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SupportDesk.AgentConsole." + file)
            ?? throw new InvalidOperationException("The agent console resource " + file + " is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
