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
    private readonly Uri _base;

    public ChatConnector(SupportPipeline pipeline, MessageScreening screening, SupportCredential credential, SecureChannelPolicy policy, CertificatePinning? pinning, ILogger logger)
    {
        Pipeline = pipeline;
        Screening = screening;
        Credential = credential;
        Logger = logger;
        _policy = policy;
        _pinning = pinning;
        _base = policy.Endpoint.AbsoluteUri.EndsWith('/') ? policy.Endpoint : new Uri(policy.Endpoint.AbsoluteUri + "/");
        SocketFactory = pipeline.Options.Chat.SocketFactory ?? ConnectAsync;
    }

    public SupportPipeline Pipeline { get; }

    public SupportClientOptions Options => Pipeline.Options;

    public MessageScreening Screening { get; }

    public SupportCredential Credential { get; }

    public ILogger Logger { get; }

    public ChatSocketFactory SocketFactory { get; }

    /// <summary>The stream address, checked like any request (HTTPS only, same host, no user info), as ws(s).</summary>
    public Uri StreamUri(string chatPath, long after)
    {
        var http = new Uri(_base, chatPath + "/stream?after=" + after.ToString(CultureInfo.InvariantCulture));
        _policy.CheckRequest(http);
        var builder = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeWss : Uri.UriSchemeWs };
        return builder.Uri;
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
