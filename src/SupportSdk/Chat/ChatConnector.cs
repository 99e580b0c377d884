using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using SupportSdk.Core;
using SupportSdk.Security;

namespace SupportSdk.LiveChat;

/// <summary>What every chat session of one client shares: the REST pipeline, the credential, the secret guard, and
/// the WebSocket factory held to the same secure-channel rules as HTTP.</summary>
internal sealed class ChatConnector
{
    private readonly SecureChannelPolicy _policy;
    private readonly CertificatePinning? _pinning;

    public ChatConnector(SupportPipeline pipeline, MessageScreening screening, SupportCredential credential, SecureChannelPolicy policy, CertificatePinning? pinning, ILogger logger)
    {
        Pipeline = pipeline;
        Screening = screening;
        Credential = credential;
        Logger = logger;
        _policy = policy;
        _pinning = pinning;
        SocketFactory = pipeline.Settings.Chat.SocketFactory ?? ConnectAsync;
    }

    public SupportPipeline Pipeline { get; }

    public ClientSettings Settings => Pipeline.Settings;

    public MessageScreening Screening { get; }

    public SupportCredential Credential { get; }

    public ILogger Logger { get; }

    public ChatSocketFactory SocketFactory { get; }

    /// <summary>The stream address, checked like any request (HTTPS only, same host, no user info), as ws(s).</summary>
    public Uri StreamUri(string chatPath, long after)
    {
        var http = new Uri(Pipeline.BaseAddress, chatPath + "/stream?after=" + after.ToString(CultureInfo.InvariantCulture));
        _policy.CheckRequest(http);
        var builder = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeWss : Uri.UriSchemeWs };
        return builder.Uri;
    }

    /// <summary>A session on <paramref name="chatPath"/> (customer or agent routes), connecting in the background.</summary>
    public ChatSession Open(string chatId, string chatPath, long afterSeq, bool screenOutgoing)
    {
        var core = new ChatSessionCore(this, chatId, chatPath, afterSeq, screenOutgoing);
        var session = new ChatSession(core);
        core.Start();
        return session;
    }

    /// <summary>The durable events after <paramref name="after"/>, waiting up to <paramref name="waitSeconds"/> for one
    /// (backfill uses 0; the long-poll transport waits).</summary>
    public Task<ChatEventBatch> GetEventsAsync(string chatPath, long after, int waitSeconds, CancellationToken cancellationToken) =>
        Pipeline.SendAsync("Chat.Events", HttpMethod.Get,
            Query.Path(chatPath + "/events").Add("after", after.ToString(CultureInfo.InvariantCulture)).Add("wait", waitSeconds).ToString(),
            null, ChatJsonContext.Default.ChatEventBatch, null, cancellationToken);

    /// <summary>Read receipt over REST (both transports use it).</summary>
    public async Task MarkReadAsync(string chatPath, long upToSeq, CancellationToken cancellationToken)
    {
        using var response = await Pipeline.SendRawAsync("Chat.Read", HttpMethod.Post, chatPath + "/read",
            SupportPipeline.Json(new MarkChatReadRequest { UpToSeq = upToSeq }, ChatJsonContext.Default.MarkChatReadRequest), null, cancellationToken)
            .ConfigureAwait(false);
    }

    private async ValueTask<WebSocket> ConnectAsync(Uri uri, string? bearerToken, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            if (bearerToken is not null)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
            }

            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            if (_pinning is not null)
            {
                socket.Options.RemoteCertificateValidationCallback = _pinning.Validate;
            }

            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw new SupportApiException("The server refused the chat stream (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ").", status,
                status == 404 ? ErrorCodes.ChatNotFound : ErrorCodes.Unauthorized, null, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
