using System.Text;

namespace SupportSdk.Protocol.Tests;

/// <summary>The ways people and scammers write text so a filter misses it, applied to a piece of text while keeping
/// track of where each original character ends up (so a test can tell which span must be found).</summary>
internal static class Disguises
{
    // Cyrillic and Greek letters that look like Latin ones.
    private static readonly Dictionary<char, char> s_lookalikes = new()
    {
        ['a'] = 'а', ['c'] = 'с', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['x'] = 'х', ['y'] = 'у', ['i'] = 'і',
        ['s'] = 'ѕ', ['j'] = 'ј', ['h'] = 'һ', ['A'] = 'А', ['B'] = 'В', ['E'] = 'Е', ['K'] = 'К', ['M'] = 'М',
        ['H'] = 'Н', ['O'] = 'О', ['P'] = 'Р', ['C'] = 'С', ['T'] = 'Т', ['X'] = 'Х', ['v'] = 'ν',
    };

    private static readonly string[] s_invisible = ["\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\uFEFF"];

    public static readonly string[] Names = ["none", "fullwidth", "zero-width", "lookalike", "math-bold", "combining"];

    /// <summary>Applies a disguise to every letter and digit of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="random">Chooses which letters to touch.</param>
    public static string Apply(string text, string name, Random random)
    {
        var output = new MarkedText();
        Append(output, text, name, random, secret: false);
        return output.ToString();
    }

    /// <summary>Appends <paramref name="text"/> disguised; with <paramref name="secret"/> its characters (not the
    /// invisible ones inserted between them) are marked as secret.</summary>
    public static void Append(MarkedText output, string text, string name, Random random, bool secret)
    {
        foreach (var c in text)
        {
            switch (name)
            {
                case "fullwidth" when c is >= '!' and <= '~':
                    output.Append((char)(c - '!' + '\uFF01'), secret);
                    break;
                case "zero-width" when char.IsAsciiLetterOrDigit(c):
                    output.Append(c, secret);
                    if (random.Next(3) == 0)
                    {
                        output.Append(s_invisible[random.Next(s_invisible.Length)], false);
                    }

                    break;
                case "lookalike" when s_lookalikes.TryGetValue(c, out var fake) && random.Next(2) == 0:
                    output.Append(fake, secret);
                    break;
                case "math-bold" when char.IsAsciiLetterLower(c):
                    output.Append(char.ConvertFromUtf32(0x1D41A + (c - 'a')), secret);
                    break;
                case "math-bold" when char.IsAsciiLetterUpper(c):
                    output.Append(char.ConvertFromUtf32(0x1D400 + (c - 'A')), secret);
                    break;
                case "combining" when char.IsAsciiLetter(c) && random.Next(3) == 0:
                    output.Append(c, secret);
                    output.Append('\u0336', secret); // strike-through, as in "s̶e̶e̶d̶"
                    break;
                default:
                    output.Append(c, secret);
                    break;
            }
        }
    }

    /// <summary>Spells each word out letter by letter ("s e e d"), words apart by two spaces, or, with
    /// <paramref name="runTogether"/>, by the same single space (no visible word boundary at all).</summary>
    public static string SpaceLetters(IEnumerable<string> words, bool runTogether) =>
        string.Join(runTogether ? " " : "  ", words.Select(w => string.Join(' ', w.ToCharArray())));
}

/// <summary>Text being built, with a mark on each character that belongs to the secret.</summary>
internal sealed class MarkedText
{
    private readonly StringBuilder _text = new();
    private readonly List<bool> _secret = [];

    public int Length => _text.Length;

    public MarkedText Append(string text, bool secret)
    {
        _text.Append(text);
        _secret.AddRange(Enumerable.Repeat(secret, text.Length));
        return this;
    }

    public MarkedText Append(char c, bool secret)
    {
        _text.Append(c);
        _secret.Add(secret);
        return this;
    }

    /// <summary>The positions of the secret's characters.</summary>
    public IEnumerable<int> SecretPositions() => Enumerable.Range(0, _secret.Count).Where(i => _secret[i]);

    public override string ToString() => _text.ToString();
}
