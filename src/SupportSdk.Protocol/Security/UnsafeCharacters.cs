namespace SupportSdk.Security;

/// <summary>
/// Characters that have no place in what a customer writes and can be used to deceive a reader: C0 and C1 control
/// characters other than tab, line feed and carriage return, DEL, and the bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) that make text display in another order than it is stored ("Trojan
/// Source"). The server refuses them in one-line fields (subjects, names, file names) and both halves strip them from
/// message bodies.
/// </summary>
public static class UnsafeCharacters
{
    /// <summary>Whether <paramref name="text"/> holds an unsafe character.</summary>
    /// <param name="text">The text; <see langword="null"/> holds none.</param>
    /// <returns><see langword="true"/> when it holds one.</returns>
    public static bool Contains(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text without its unsafe characters.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The same instance when there is nothing to remove.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Contains(text) ? string.Create(text.Length - Count(text), text, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!IsUnsafe(c))
                {
                    span[i++] = c;
                }
            }
        }) : text;
    }

    /// <summary>Whether one character is unsafe.</summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for the characters described on <see cref="UnsafeCharacters"/>.</returns>
    public static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static int Count(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            n += IsUnsafe(c) ? 1 : 0;
        }

        return n;
    }
}
