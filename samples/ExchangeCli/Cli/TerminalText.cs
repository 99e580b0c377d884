using System.Text;
using Spectre.Console;

namespace ExchangeCli.Cli;

/// <summary>
/// Makes text from the server or the user safe to print: no terminal control sequences (a ticket subject must not be
/// able to move the cursor or rewrite the screen), no bidirectional overrides that disguise a link, and no
/// Spectre markup.
/// </summary>
internal static class TerminalText
{
    /// <summary>Removes control characters (keeping new lines and tabs unless <paramref name="singleLine"/>) and bidi overrides.</summary>
    public static string Clean(string? text, bool singleLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t')
            {
                builder.Append(singleLine ? ' ' : c);
            }
            else if (c == '\r')
            {
                builder.Append(singleLine ? " " : string.Empty);
            }
            else if (!char.IsControl(c) && !IsBidiControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Cleans and escapes text for Spectre markup.</summary>
    public static string Markup(string? text, bool singleLine = false) => Spectre.Console.Markup.Escape(Clean(text, singleLine));

    /// <summary>A non-wrapping cell, so ids stay copyable in narrow terminals.</summary>
    public static Text Cell(string? text) => new(Clean(text, singleLine: true));

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
