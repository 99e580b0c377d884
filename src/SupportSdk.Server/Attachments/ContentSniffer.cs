using System.Text;

namespace SupportSdk.Server.Attachments;

/// <summary>
/// Decides a file's type from its bytes, never from the name or the declared type, and accepts only the allowlist:
/// PNG, JPEG, PDF and UTF-8 plain text. Anything else (HTML, SVG, executables, archives) is refused.
/// </summary>
internal static class ContentSniffer
{
    public const string PlainText = "text/plain";

    /// <summary>How far into a text file markup is looked for: browsers sniff about this much.</summary>
    private const int MarkupWindow = 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] MarkupTags = ["<!doctype", "<html", "<svg", "<?xml", "<script", "<body", "<head", "<iframe", "<object", "<embed", "<meta", "<a ", "<img", "<!--", "<style", "<xml", "<x:"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            return "image/png";
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        return IsPlainText(content) ? PlainText : null;
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        // Markup would be rendered by some viewers, wherever it starts: no HTML, SVG, XML or script anywhere in the
        // first kilobyte (browsers sniff that far), whatever comes before it.
        var head = text.AsSpan(0, Math.Min(text.Length, MarkupWindow));
        foreach (var tag in MarkupTags)
        {
            if (head.Contains(tag, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
