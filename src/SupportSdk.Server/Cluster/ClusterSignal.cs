using System.Globalization;

namespace SupportSdk.Server.Cluster;

/// <summary>What one node tells the others sharing its store. Ids and numbers only: every node reads the content
/// itself from the store, so a signal carries nothing a client wrote and stays far below NOTIFY's 8,000 bytes.</summary>
internal enum ClusterSignalKind
{
    /// <summary>Durable chat events <c>From</c>…<c>To</c> were committed.</summary>
    ChatEvents,

    /// <summary>One side of a chat is typing (nothing stored).</summary>
    Typing,

    /// <summary>One side's read marker moved to <c>To</c>.</summary>
    Read,

    /// <summary>The human queue changed: every node refreshes its queued chats' positions.</summary>
    Queue,

    /// <summary>The help center changed: every node reloads its index.</summary>
    Faq,
}

/// <summary>One signal; <see cref="Format"/> and <see cref="TryParse"/> are its wire form.</summary>
internal readonly record struct ClusterSignal(ClusterSignalKind Kind, string? ChatId = null, AuthorRole Role = default, long From = 0, long To = 0)
{
    public static ClusterSignal Events(string chatId, long from, long to) => new(ClusterSignalKind.ChatEvents, chatId, From: from, To: to);

    public static ClusterSignal Typing(string chatId, AuthorRole who) => new(ClusterSignalKind.Typing, chatId, who);

    public static ClusterSignal Read(string chatId, AuthorRole reader, long upTo) => new(ClusterSignalKind.Read, chatId, reader, To: upTo);

    public static ClusterSignal QueueChanged => new(ClusterSignalKind.Queue);

    public static ClusterSignal FaqChanged => new(ClusterSignalKind.Faq);

    /// <summary><c>node|kind|chat|role|from|to</c>, e.g. <c>n1f3…|e|cht_…||41|43</c>.</summary>
    public string Format(string node) => string.Join('|', node, Letter(Kind), ChatId ?? string.Empty,
        Role.Value, From.ToString(CultureInfo.InvariantCulture), To.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads a signal; false for anything malformed (the channel is shared with nobody, but a signal is
    /// never trusted to be well formed).</summary>
    public static bool TryParse(string payload, out string node, out ClusterSignal signal)
    {
        node = string.Empty;
        signal = default;
        var parts = payload.Split('|');
        if (parts.Length != 6 || parts[1].Length != 1
            || KindOf(parts[1][0]) is not { } kind
            || !(parts[3].Length == 0 || AuthorRole.TryParseKnown(parts[3], out _))
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            return false;
        }

        var chatId = parts[2].Length == 0 ? null : parts[2];
        if (kind is ClusterSignalKind.ChatEvents or ClusterSignalKind.Typing or ClusterSignalKind.Read && !Http.Ids.LooksValid(chatId, "cht_"))
        {
            return false;
        }

        node = parts[0];
        signal = new ClusterSignal(kind, chatId, parts[3].Length == 0 ? default : new AuthorRole(parts[3]), from, to);
        return true;
    }

    private static char Letter(ClusterSignalKind kind) => kind switch
    {
        ClusterSignalKind.ChatEvents => 'e',
        ClusterSignalKind.Typing => 't',
        ClusterSignalKind.Read => 'r',
        ClusterSignalKind.Queue => 'q',
        _ => 'f',
    };

    private static ClusterSignalKind? KindOf(char letter) => letter switch
    {
        'e' => ClusterSignalKind.ChatEvents,
        't' => ClusterSignalKind.Typing,
        'r' => ClusterSignalKind.Read,
        'q' => ClusterSignalKind.Queue,
        'f' => ClusterSignalKind.Faq,
        _ => null,
    };
}
