using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// Opens chat WebSockets. Everything that can be refused is refused before the upgrade, as plain HTTP problem
/// responses, by the same checks as every other endpoint: 401 for a missing, invalid or expired credential, 403
/// for the wrong kind, 404 <c>chat_not_found</c>, 400 for a bad <c>after</c>, 429. After the upgrade the server
/// closes with a code (<see cref="ChatCloseCodes"/>): 4001 when the credential expires, 4010 for a closed chat,
/// 4400, 4408, 4429.
/// </summary>
internal sealed class ChatStreams(ChatWorkflow workflow, Credentials credentials, AgentPresence presence, ChatCallerLimits limits,
    IOptions<SupportServerOptions> options, IHostApplicationLifetime lifetime)
{
    /// <summary>The code of a plain HTTP request to a stream route.</summary>
    public const string WebSocketRequired = "websocket_required";

    public async Task RunAsync(HttpContext http, ChatRecord chat, long after)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new ApiError(426, WebSocketRequired, "This endpoint speaks WebSocket only.",
                "Open it with a WebSocket client, or use GET …/events (long-poll) where WebSockets are blocked.");
        }

        var o = options.Value;
        var principal = http.Principal();
        using var lease = limits.TryOpen(principal.Scope)
            ?? throw new ApiError(429, ErrorCodes.TooManyConnections, "Too many chat connections.",
                $"At most {o.ChatConnectionsPerCaller} chat connections at once; close one first.") { RetryAfter = TimeSpan.FromSeconds(5) };
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false }).ConfigureAwait(false);
        using var subscriber = workflow.Hub.Subscribe(chat.Id, ChatWorkflow.RoleOf(principal), Math.Max(8, o.ChatSendBufferFrames), chat.LastSeq);
        var connection = new ChatConnection(socket, chat, principal, http.Request.Headers.Authorization.ToString(), after, subscriber, workflow, credentials, presence, o, lease.Rate);
        workflow.Hub.ConnectionOpened();
        try
        {
            await connection.RunAsync(http.RequestAborted, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        finally
        {
            workflow.Hub.ConnectionClosed();
        }
    }
}
