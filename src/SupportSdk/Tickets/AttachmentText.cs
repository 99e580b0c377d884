using System.Text;

namespace SupportSdk;

/// <summary>The words of a file a customer attaches, when it is text (valid UTF-8 without control characters other
/// than tab and line breaks: plain text, CSV, JSON, logs), so they can be screened before the upload.</summary>
internal static class AttachmentText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? TryDecode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return null;
            }
        }

        return text;
    }
}
