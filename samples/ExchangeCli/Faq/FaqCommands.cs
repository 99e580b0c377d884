using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk;

namespace ExchangeCli.Faq;

/// <summary><c>faq search</c> and <c>faq show</c>: the public help center (no credentials needed).</summary>
internal static class FaqCommands
{
    public static Command Create(GlobalOptions options)
    {
        var locale = new Option<string?>("--locale") { Description = "Locale such as en-us or zh-cn (default: $SUPPORT_LOCALE, else en-us)." };
        var limit = new Option<int>("--limit") { Description = "Most results to show (1-50).", DefaultValueFactory = _ => 5 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 50)
            {
                r.AddError("--limit must be from 1 to 50.");
            }
        });
        var query = new Argument<string[]>("query") { Description = "What to search for (several words are one query).", Arity = ArgumentArity.OneOrMore };
        var search = new Command("search", "Search the help center (typo-tolerant, English and Chinese).") { locale, limit, options.Endpoint, options.Json, query };
        search.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var text = string.Join(' ', result.GetValue(query)!).Trim();
            if (text.Length == 0)
            {
                throw CliException.Usage("The query is empty.");
            }

            using var client = SupportConnection.Anonymous(SupportConnection.ResolveEndpoint(result.GetValue(options.Endpoint)));
            var results = await output.WithSpinnerAsync("Searching the help center…",
                () => client.Faq.SearchArticlesAsync(text, Locale(result.GetValue(locale)), result.GetValue(limit), cancellationToken));
            if (output.Json)
            {
                output.WriteJson(results, CliJson.Support.FaqSearchResults);
            }
            else
            {
                WriteResults(output.Human, results);
            }

            return ExitCodes.Ok;
        }));

        var articleId = new Argument<long>("article-id") { Description = "The article id, as printed by faq search." };
        var show = new Command("show", "Show a help-center article.") { locale, options.Endpoint, options.Json, articleId };
        show.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            using var client = SupportConnection.Anonymous(SupportConnection.ResolveEndpoint(result.GetValue(options.Endpoint)));
            var article = await output.WithSpinnerAsync("Fetching the article…",
                () => client.Faq.GetArticleAsync(result.GetValue(articleId), Locale(result.GetValue(locale)), cancellationToken));
            if (output.Json)
            {
                output.WriteJson(article, CliJson.Support.FaqArticle);
            }
            else
            {
                WriteArticle(output.Human, article);
            }

            return ExitCodes.Ok;
        }));

        return new Command("faq", "The help center: search articles and read them.") { search, show };
    }

    private static string? Locale(string? option) => option ?? SupportConnection.Env(SupportConnection.LocaleVariable);

    private static void WriteResults(IAnsiConsole console, FaqSearchResults results)
    {
        if (results.Items.Count == 0)
        {
            console.MarkupLine("No articles match. Try other words, or open a ticket: [bold]exchange-cli ticket create[/].");
            return;
        }

        var rank = 1;
        foreach (var hit in results.Items)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{rank++}. [bold][[{hit.Id}]] {TerminalText.Markup(hit.Title, singleLine: true)}[/] [dim]({TerminalText.Markup(hit.Locale)})[/]"));
            console.MarkupLine("   " + Highlight(hit.Snippet));
        }

        console.MarkupLine("[dim]Read one with: exchange-cli faq show ID[/]");
    }

    private static void WriteArticle(IAnsiConsole console, FaqArticle article)
    {
        console.Write(new Rule(TerminalText.Markup(article.Title, singleLine: true)).LeftJustified());
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[dim]Article {article.Id} · {TerminalText.Markup(article.Locale)}{(article.Url is null ? string.Empty : " · " + TerminalText.Markup(article.Url, singleLine: true))}[/]"));
        console.WriteLine();
        console.WriteLine(TerminalText.Clean(article.BodyText));
    }

    /// <summary>The server's snippet is HTML-escaped with &lt;mark&gt; around matched terms: show those highlighted.</summary>
    private static string Highlight(string snippet)
    {
        var builder = new StringBuilder();
        var marked = false;
        foreach (var part in snippet.Split(["<mark>", "</mark>"], StringSplitOptions.None))
        {
            var text = TerminalText.Markup(WebUtility.HtmlDecode(part), singleLine: true);
            builder.Append(marked && text.Length > 0 ? $"[yellow]{text}[/]" : text);
            marked = !marked;
        }

        return builder.ToString();
    }
}
