namespace ExchangeDemo.Help;

/// <summary>One article suggested while typing.</summary>
public sealed record Suggestion(long Id, string Title, string Url);

/// <summary>The suggestions for what was typed so far.</summary>
public sealed record SuggestionList(IReadOnlyList<Suggestion> Items);
