using System.Net.WebSockets;

namespace SupportSdk;

/// <summary>Opens the WebSocket of a chat stream. Replace it to add headers or a proxy, or in tests.</summary>
/// <param name="uri">The <c>wss://</c> (or, for loopback development, <c>ws://</c>) address of the stream.</param>
/// <param name="bearerToken">The credential to send as <c>Authorization: Bearer</c>, or <see langword="null"/>.</param>
/// <param name="cancellationToken">Cancels the connect.</param>
/// <returns>The open WebSocket.</returns>
public delegate ValueTask<WebSocket> ChatSocketFactory(Uri uri, string? bearerToken, CancellationToken cancellationToken);

/// <summary>How a <see cref="ChatSession"/> talks to the server.</summary>
public enum ChatTransportMode
{
    /// <summary>WebSocket; falls back to HTTP long-polling when WebSocket connections are refused twice in a row.</summary>
    Auto,

    /// <summary>WebSocket only.</summary>
    WebSocket,

    /// <summary>HTTP long-polling only (for networks that block WebSockets).</summary>
    LongPoll,
}

/// <summary>Live-chat settings (<see cref="SupportClientOptions.Chat"/>).</summary>
public sealed class ChatOptions
{
    /// <summary>Gets or sets the transport.</summary>
    /// <value>Default <see cref="ChatTransportMode.Auto"/>.</value>
    public ChatTransportMode Transport { get; set; } = ChatTransportMode.Auto;

    /// <summary>Gets or sets what opens the WebSocket.</summary>
    /// <value>Default <see langword="null"/>: a <see cref="ClientWebSocket"/> with the SDK's certificate checks and pins.</value>
    public ChatSocketFactory? SocketFactory { get; set; }

    /// <summary>Gets or sets the first reconnect delay; each failed attempt doubles it (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    /// <value>Default 500 ms.</value>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the longest reconnect delay.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a connection may stay silent (the server sends heartbeats) before it is treated as dead.</summary>
    /// <value>Default 45 seconds.</value>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Gets or sets how long one long-poll request waits for events.</summary>
    /// <value>Default 25 seconds (the server caps it at 30).</value>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Gets or sets how many events may wait for <see cref="ChatSession.ReadEventsAsync"/>; when full, the
    /// session stops reading the connection (the server then drops it, and the session resumes without loss).</summary>
    /// <value>Default 1,024.</value>
    public int EventBufferSize { get; set; } = 1024;
}
