using System.Globalization;

namespace SupportSdk;

/// <summary>Builds output models for tests of code that uses the SDK (with a mocked <see cref="SupportClient"/>).</summary>
public static class SupportModelFactory
{
    /// <summary>Builds a <see cref="SupportSdk.Ticket"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="status">The status; default open.</param>
    /// <param name="priority">The priority; default normal.</param>
    /// <param name="category">The category; default other.</param>
    /// <param name="userId">The owner's user id.</param>
    /// <param name="version">The version (ETag).</param>
    /// <param name="createdAt">When created; default now.</param>
    /// <returns>The ticket.</returns>
    public static Ticket Ticket(string id = "tkt_test", string subject = "Subject", TicketStatus? status = null, TicketPriority? priority = null,
        TicketCategory? category = null, string userId = "user", long version = 1, DateTimeOffset? createdAt = null) => new()
        {
            Id = id,
            Subject = subject,
            Status = status ?? TicketStatus.Open,
            Priority = priority ?? TicketPriority.Normal,
            Category = category ?? TicketCategory.Other,
            Locale = "en-us",
            Tier = 1,
            Customer = new TicketCustomer { UserId = userId, DisplayName = userId },
            MessageCount = 1,
            Version = version,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
            UpdatedAt = createdAt ?? DateTimeOffset.UtcNow,
        };

    /// <summary>Builds a <see cref="SupportSdk.TicketMessage"/>.</summary>
    /// <param name="body">The text.</param>
    /// <param name="role">Who wrote it; default customer.</param>
    /// <param name="seq">The position on the ticket.</param>
    /// <returns>The message.</returns>
    public static TicketMessage TicketMessage(string body, AuthorRole? role = null, long seq = 1) => new()
    {
        Id = "msg_test_" + seq.ToString(CultureInfo.InvariantCulture),
        Seq = seq,
        Body = body,
        From = new Author { Role = role ?? AuthorRole.Customer, Name = "Test" },
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Builds a <see cref="SupportSdk.FaqSearchHit"/>.</summary>
    /// <param name="id">The article id.</param>
    /// <param name="title">The title.</param>
    /// <param name="score">The score.</param>
    /// <param name="locale">The locale.</param>
    /// <returns>The hit.</returns>
    public static FaqSearchHit FaqSearchHit(long id, string title, double score = 1, string locale = "en-us") => new()
    {
        Id = id,
        Title = title,
        Score = score,
        Locale = locale,
        Snippet = title,
    };

    /// <summary>Builds a lazily paged list from pages already in memory, to return from a mocked client's list method.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order. <see cref="AsyncPageable{T}.AsPages"/> resumes from a page's
    /// <see cref="Page{T}.NextCursor"/>, which here is the index of the next page, as a string.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> is null.</exception>
    public static AsyncPageable<T> AsyncPageable<T>(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        Page<T>[] copy = [.. pages];
        return new AsyncPageable<T>(
            (cursor, _) =>
            {
                var index = 0;
                if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= copy.Length))
                {
                    throw new ArgumentException($"'{cursor}' is not a cursor of this list.");
                }

                var items = copy.Length > 0 ? copy[index].Items : [];
                var next = index + 1 < copy.Length ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
                return Task.FromResult(new Page<T> { Items = items, NextCursor = next });
            },
            CancellationToken.None);
    }

    /// <summary>Builds a <see cref="SupportApiException"/> as the SDK would throw it for a problem response.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorCode">The stable code.</param>
    /// <returns>The exception.</returns>
    public static SupportApiException ApiException(int status, string errorCode) =>
        new($"Test failure (HTTP {status}, {errorCode})", status, errorCode, "req_test");
}
