using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SupportSdk.Transcripts;

namespace SupportSdk.Server.Transcripts;

/// <summary>A signed transcript as a self-contained page in the customer's language: readable messages, who signed
/// it, and the signed JSON in a script block, so the saved page itself can be verified.</summary>
internal static class TranscriptPage
{
    private sealed record Texts(string Lang, string Title, string Ticket, string Chat, string Signed, string Check, string Never,
        string Customer, string Agent, string Bot, string System);

    private static readonly Texts English = new("en", "Support transcript", "Ticket", "Chat",
        "Signed by {0}'s support key {1} on {2} UTC: {3} messages, each linked to the one before it.",
        "Anyone can check this page: upload it to the exchange's “Verify” page or run “exchange-cli transcript verify” on it. A changed word, a removed or reordered message, or a page not signed by the exchange shows at once, and the check shows the conversation exactly as the exchange signed it.",
        "Support never asks for your password, 2FA codes, private keys or seed phrase.",
        "You", "Support agent", "Support bot", "Support");

    private static readonly Texts Chinese = new("zh-CN", "客服对话记录", "工单", "在线对话",
        "由 {0} 客服密钥 {1} 于 {2} UTC 签名：共 {3} 条消息，每条都链接到上一条。",
        "任何人都可以核验本页：上传到交易所的“核验”页面，或运行 “exchange-cli transcript verify”。改动一个字、删除或调换消息、或非交易所签名的页面，都会立即被发现，核验结果会显示交易所签名的原文。",
        "客服绝不会索要您的密码、两步验证码、私钥或助记词。",
        "您", "客服", "客服机器人", "系统");

    // Chinese stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Render(SignedTranscript transcript, string brand)
    {
        var t = transcript.Locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
        var h = Encoder;
        var issuer = string.IsNullOrWhiteSpace(brand) ? "Support" : brand;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(t.Lang).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(h.Encode(t.Title + " " + transcript.Conversation)).Append("</title>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}")
            .Append(".m{border-left:3px solid #ccc;padding:.3rem .8rem;margin:.8rem 0}.m.customer{border-color:#3a7}.m.agent,.m.bot,.m.system{border-color:#36c}")
            .Append(".who{font-weight:600}.at{color:#666;font-size:.85rem;margin-left:.5rem}.text{white-space:pre-wrap;margin:.3rem 0}")
            .Append("footer{color:#555;font-size:.85rem;border-top:1px solid #ddd;margin-top:2rem;padding-top:.8rem}</style></head><body>");
        html.Append("<h1>").Append(h.Encode(t.Title)).Append("</h1><p>")
            .Append(h.Encode((transcript.Kind == "chat" ? t.Chat : t.Ticket) + " " + transcript.Conversation))
            .Append(transcript.Subject.Length > 0 ? " — " + h.Encode(transcript.Subject) : string.Empty).Append("</p>");
        foreach (var m in transcript.Messages)
        {
            var role = m.Role switch { "customer" => t.Customer, "agent" => t.Agent, "bot" => t.Bot, _ => t.System };
            html.Append("<div class=\"m ").Append(h.Encode(m.Role)).Append("\" data-index=\"").Append(m.Index.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<span class=\"who\">").Append(h.Encode(m.Author.Length > 0 ? m.Author + " (" + role + ")" : role)).Append("</span>")
                .Append("<span class=\"at\">").Append(m.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append("</span>")
                .Append("<p class=\"text\">").Append(h.Encode(m.Text)).Append("</p></div>");
        }

        html.Append("<footer><p>")
            .Append(h.Encode(string.Format(CultureInfo.InvariantCulture, t.Signed, issuer, transcript.KeyId,
                transcript.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), transcript.Messages.Count)))
            .Append("</p><p>").Append(h.Encode(t.Check)).Append("</p><p><strong>").Append(h.Encode(t.Never)).Append("</strong></p></footer>");
        // The default encoder escapes <, > and & (and non-ASCII), so the JSON cannot close the script block.
        html.Append("<script type=\"application/json\" id=\"").Append(TranscriptVerifier.HtmlScriptId).Append("\">")
            .Append(JsonSerializer.Serialize(transcript, TranscriptsJsonContext.Default.SignedTranscript))
            .Append("</script></body></html>");
        return html.ToString();
    }
}
