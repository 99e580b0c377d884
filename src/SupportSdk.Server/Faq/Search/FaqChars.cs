namespace SupportSdk.Server.Faq;

internal static class FaqChars
{
    public static bool IsCjk(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF')
        || (c >= '\u3400' && c <= '\u4DBF')
        || (c >= '\uF900' && c <= '\uFAFF')
        || (c >= '\u3040' && c <= '\u30FF')
        || (c >= '\uAC00' && c <= '\uD7AF');

    public static bool IsWordChar(char folded) => char.IsLetterOrDigit(folded) && !IsCjk(folded);

    /// <summary>Case folding + width folding + a few variant characters, applied to both documents and queries.</summary>
    public static char Fold(char c)
    {
        if (c < '\u0080')
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        if (c >= '\uFF01' && c <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        return c switch
        {
            '\u2019' or '\u2018' or '\u02BC' => '\'',
            '\u2010' or '\u2011' or '\u2013' => '-',
            '帐' => '账',
            _ => char.ToLowerInvariant(c),
        };
    }

    public static string FoldString(string text)
    {
        return string.Create(text.Length, text, static (span, src) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = Fold(src[i]);
            }
        });
    }
}
