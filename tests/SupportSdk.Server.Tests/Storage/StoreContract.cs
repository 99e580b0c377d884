using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>Makes an empty store of one engine for the contract suites, and removes it after.</summary>
public interface IStoreEngine
{
    /// <summary>A new, empty store (an <c>ISupportStoreEngine</c>).</summary>
    Task<object> CreateAsync();

    Task DeleteAsync(object store);
}

/// <summary>The SQLite engine, on a real file in a temporary folder.</summary>
public sealed class SqliteEngine : IStoreEngine
{
    private string _directory = null!;

    public Task<object> CreateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("supportsdk-store-").FullName;
        return Task.FromResult<object>(new SqliteSupportStore(Path.Combine(_directory, "store.db")));
    }

    public async Task DeleteAsync(object store)
    {
        await ((SqliteSupportStore)store).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// What every store contract suite shares: a fresh, migrated store of the engine per test, and the models the
/// tests write. One suite per feature store; each engine runs every suite (a <c>TestFixture</c> per engine).
/// </summary>
public abstract class StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    private protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
    private readonly TEngine _engine = new();
    private int _next;

    private protected ISupportStoreEngine _store = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _store = (ISupportStoreEngine)await _engine.CreateAsync();
        await _store.MigrateAsync(CancellationToken.None);
    }

    [TearDown]
    public Task DeleteAsync() => _engine.DeleteAsync(_store);

    private protected Ticket NewTicket(string owner, TicketStatus? status = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = $"tkt_{Interlocked.Increment(ref _next):d26}",
        Subject = "subject",
        Status = status ?? TicketStatus.Open,
        Priority = TicketPriority.Normal,
        Category = TicketCategory.Deposit,
        Locale = "en-us",
        Tier = 1,
        Customer = new TicketCustomer { UserId = owner, DisplayName = owner },
        Transaction = new TransactionInfo { Asset = "BTC", Network = "BTC", TxId = new string('f', 64), Amount = 0.5m, Direction = TransactionDirection.Deposit },
        MessageCount = 1,
        Version = 1,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = T0,
    };

    private protected static TicketMessage Message(long seq, string id, params AttachmentInfo[] attachments) => new()
    {
        Id = id,
        Seq = seq,
        From = new Author { Role = AuthorRole.Customer, Name = "c" },
        Body = "body " + seq,
        CreatedAt = T0,
        Attachments = attachments,
    };

    private protected static ChatRecord NewChat(string id, string owner, ChatStatus? status = null, DateTimeOffset? queuedAt = null) => new()
    {
        Id = id,
        Status = status ?? ChatStatus.Bot,
        Topic = "topic 话题",
        Locale = "zh-cn",
        CustomerId = owner,
        CustomerName = owner,
        QueuedAt = queuedAt,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private protected static ChatFrame ChatText(string text, string? clientId = null) => new()
    {
        Type = ChatEventKind.Message,
        Id = "cmsg_" + Guid.NewGuid().ToString("N"),
        ClientMessageId = clientId,
        From = new Author { Role = AuthorRole.Customer, Name = "c" },
        Text = text,
        SentAt = T0,
        Flags = [],
    };
}
