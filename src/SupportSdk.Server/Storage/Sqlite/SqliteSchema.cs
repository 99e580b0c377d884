using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

/// <summary>Forward-only schema migrations, tracked in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE api_keys (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
        CREATE TABLE tickets (
            id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, owner_name TEXT NOT NULL, subject TEXT NOT NULL,
            status TEXT NOT NULL, priority TEXT NOT NULL, category TEXT NOT NULL, locale TEXT NOT NULL,
            tier INTEGER NOT NULL, assignee TEXT, tx_json TEXT, rating_score INTEGER, rating_comment TEXT,
            message_count INTEGER NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE INDEX ix_tickets_owner ON tickets(owner_id, id DESC);
        CREATE INDEX ix_tickets_status ON tickets(status, id DESC);
        CREATE TABLE ticket_messages (
            id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES tickets(id), seq INTEGER NOT NULL,
            role TEXT NOT NULL, author_name TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
            UNIQUE (ticket_id, seq));
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY, owner_scope TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
            size INTEGER NOT NULL, content BLOB NOT NULL, ticket_id TEXT, message_id TEXT, created_at INTEGER NOT NULL);
        CREATE INDEX ix_attachments_ticket ON attachments(ticket_id);
        CREATE TABLE idempotency (
            scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, completed INTEGER NOT NULL,
            status INTEGER, content_type TEXT, location TEXT, body BLOB, created_at INTEGER NOT NULL,
            PRIMARY KEY (scope, key));
        CREATE INDEX ix_idempotency_created ON idempotency(created_at);
        CREATE TABLE faq_categories (id INTEGER NOT NULL, locale TEXT NOT NULL, name TEXT NOT NULL, description TEXT, position INTEGER NOT NULL, PRIMARY KEY (id, locale));
        CREATE TABLE faq_sections (id INTEGER NOT NULL, locale TEXT NOT NULL, category_id INTEGER, name TEXT NOT NULL, description TEXT, position INTEGER NOT NULL, PRIMARY KEY (id, locale));
        CREATE TABLE faq_articles (
            id INTEGER NOT NULL, locale TEXT NOT NULL, external_id TEXT, section_id INTEGER, title TEXT NOT NULL,
            body_html TEXT NOT NULL, body_text TEXT NOT NULL, labels_json TEXT NOT NULL, url TEXT, position INTEGER NOT NULL,
            updated_at INTEGER NOT NULL, helpful INTEGER NOT NULL DEFAULT 0, not_helpful INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (id, locale));
        """,
        """
        ALTER TABLE ticket_messages ADD COLUMN flags TEXT;
        CREATE TABLE channel_reports (
            id TEXT PRIMARY KEY, reporter_scope TEXT NOT NULL, reporter_id TEXT NOT NULL, input TEXT NOT NULL,
            verdict TEXT NOT NULL, kind TEXT NOT NULL, matched TEXT, reason TEXT, place TEXT, note TEXT, created_at INTEGER NOT NULL);
        """,
        """
        CREATE TABLE chats (
            id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, owner_name TEXT NOT NULL, status TEXT NOT NULL, topic TEXT,
            locale TEXT NOT NULL, agent_id TEXT, agent_name TEXT, tier INTEGER NOT NULL, queued_at INTEGER,
            last_seq INTEGER NOT NULL, customer_read_seq INTEGER NOT NULL, agent_read_seq INTEGER NOT NULL,
            unhelpful INTEGER NOT NULL, awaiting_feedback INTEGER NOT NULL, ticket_id TEXT,
            version INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE INDEX ix_chats_owner ON chats(owner_id, id DESC);
        CREATE INDEX ix_chats_state ON chats(status, queued_at, id);
        CREATE TABLE chat_events (
            chat_id TEXT NOT NULL REFERENCES chats(id), seq INTEGER NOT NULL, kind TEXT NOT NULL, sender TEXT,
            client_message_id TEXT, frame_json TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, seq));
        CREATE UNIQUE INDEX ux_chat_events_client_message ON chat_events(chat_id, sender, client_message_id) WHERE client_message_id IS NOT NULL;
        """,
        """
        CREATE TABLE faq_votes (
            article_id INTEGER NOT NULL, locale TEXT NOT NULL, voter TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT,
            created_at INTEGER NOT NULL, PRIMARY KEY (article_id, locale, voter));
        CREATE INDEX ix_tickets_owner_created ON tickets(owner_id, created_at);
        CREATE INDEX ix_attachments_owner ON attachments(owner_scope);
        CREATE INDEX ix_attachments_unattached ON attachments(created_at) WHERE message_id IS NULL;
        CREATE INDEX ix_chats_owner_open ON chats(owner_id) WHERE status <> 'closed';
        """,
        """
        CREATE TABLE faq_queries (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, locale TEXT NOT NULL, query TEXT, answered INTEGER NOT NULL,
            result_count INTEGER NOT NULL, article_ids TEXT NOT NULL, asker TEXT NOT NULL, chat_id TEXT,
            clicked INTEGER NOT NULL DEFAULT 0, voted_not_helpful INTEGER NOT NULL DEFAULT 0,
            asked_person INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
        CREATE INDEX ix_faq_queries_created ON faq_queries(created_at);
        CREATE INDEX ix_faq_queries_asker ON faq_queries(asker, created_at);
        CREATE INDEX ix_faq_queries_chat ON faq_queries(chat_id) WHERE chat_id IS NOT NULL;
        CREATE INDEX ix_faq_votes_created ON faq_votes(created_at);
        CREATE INDEX ix_chats_created ON chats(created_at);
        """,
        WebhookRows.Schema,
        StoreRows.TicketSlaSchema,
        AgentRows.Schema,
        TicketWorkspaceRows.Schema,
        StoreRows.TicketSlaWarningSchema,
    ];

    public static int LatestVersion => Migrations.Length;

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"The database schema version {version} is newer than this server ({Migrations.Length}); upgrade the server.");
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
