using System.Text.RegularExpressions;

namespace SupportSdk.Server.Agents;

/// <summary>Finds the macros for a ticket (its locale, else its language, else the server's default locale) that match
/// what the agent typed, and fills in the ticket's values.</summary>
internal static partial class Macros
{
    public static readonly IReadOnlyList<string> Placeholders = ["{{customer.name}}", "{{ticket.id}}", "{{ticket.subject}}", "{{agent.name}}"];

    /// <summary>Any <c>{{…}}</c> in a macro's text; each must be one of <see cref="Placeholders"/>.</summary>
    [GeneratedRegex(@"\{\{[^}]*\}\}", RegexOptions.CultureInvariant)]
    public static partial Regex Placeholder();

    public static IReadOnlyList<Macro> For(IEnumerable<MacroOptions> macros, Ticket ticket, string agentName, string? query, string defaultLocale, int limit = 20)
    {
        var all = macros.ToList();
        var language = TicketAssigner.Language(ticket.Locale);
        var inLocale = all.Where(m => string.Equals(m.Locale, ticket.Locale, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inLocale.Count == 0)
        {
            inLocale = all.Where(m => string.Equals(TicketAssigner.Language(m.Locale), language, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (inLocale.Count == 0)
        {
            inLocale = all.Where(m => string.Equals(m.Locale, defaultLocale, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var words = (query ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return inLocale
            .Select(m => (Macro: m, Rank: Rank(m, words)))
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Rank).ThenBy(x => x.Macro.Name, StringComparer.CurrentCultureIgnoreCase)
            .Take(limit)
            .Select(x => new Macro
            {
                Id = x.Macro.Id,
                Name = x.Macro.Name,
                Locale = x.Macro.Locale,
                Body = Render(x.Macro.Body, ticket, agentName),
                SetStatus = x.Macro.SetStatus is { Length: > 0 } status ? new TicketStatus(status) : (TicketStatus?)null,
                AddTags = [.. x.Macro.AddTags],
            })
            .ToList();
    }

    /// <summary>0 when every word is in the name or keywords, 1 when some only in the text, −1 when one is nowhere.</summary>
    private static int Rank(MacroOptions macro, string[] words)
    {
        var rank = 0;
        foreach (var word in words)
        {
            if (macro.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || macro.Keywords.Any(k => k.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!macro.Body.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            rank = 1;
        }

        return rank;
    }

    public static string Render(string body, Ticket ticket, string agentName) => body
        .Replace("{{customer.name}}", ticket.Customer.DisplayName, StringComparison.Ordinal)
        .Replace("{{ticket.id}}", ticket.Id, StringComparison.Ordinal)
        .Replace("{{ticket.subject}}", ticket.Subject, StringComparison.Ordinal)
        .Replace("{{agent.name}}", agentName, StringComparison.Ordinal);
}
