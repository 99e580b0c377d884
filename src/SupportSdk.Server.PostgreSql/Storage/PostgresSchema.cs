using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

/// <summary>
/// Forward-only schema migrations, tracked in the one-row table <c>support_schema</c> and applied under a session
/// advisory lock, so nodes starting at once migrate once (the others wait, then find the schema current). The logical
/// schema is SQLite's; ids and other text compared or ordered by the store are <c>COLLATE "C"</c>, so they sort
/// byte-wise as in SQLite whatever the database's default collation.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that serializes migrations ("SupportS" as a 64-bit number).</summary>
    private const long MigrationLock = 0x5375_7070_6f72_7453;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE settings (name text COLLATE "C" PRIMARY KEY, value text NOT NULL);
        CREATE TABLE api_keys (id text COLLATE "C" PRIMARY KEY, kind text NOT NULL, name text NOT NULL, key_hash text COLLATE "C" NOT NULL UNIQUE, created_at bigint NOT NULL);
        CREATE TABLE tickets (
            id text COLLATE "C" PRIMARY KEY, owner_id text COLLATE "C" NOT NULL, owner_name text NOT NULL, subject text NOT NULL,
            status text COLLATE "C" NOT NULL, priority text COLLATE "C" NOT NULL, category text NOT NULL, locale text NOT NULL,
            tier integer NOT NULL, assignee text COLLATE "C", tx_json text, rating_score integer, rating_comment text,
            message_count integer NOT NULL, version bigint NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL);
        CREATE INDEX ix_tickets_owner ON tickets(owner_id, id DESC);
        CREATE INDEX ix_tickets_status ON tickets(status, id DESC);
        CREATE INDEX ix_tickets_owner_created ON tickets(owner_id, created_at);
        CREATE TABLE ticket_messages (
            id text COLLATE "C" PRIMARY KEY, ticket_id text COLLATE "C" NOT NULL REFERENCES tickets(id), seq bigint NOT NULL,
            role text NOT NULL, author_name text NOT NULL, body text NOT NULL, created_at bigint NOT NULL, flags text,
            UNIQUE (ticket_id, seq));
        CREATE TABLE attachments (
            id text COLLATE "C" PRIMARY KEY, owner_scope text COLLATE "C" NOT NULL, file_name text NOT NULL, content_type text NOT NULL,
            size bigint NOT NULL, content bytea NOT NULL, ticket_id text COLLATE "C", message_id text COLLATE "C", created_at bigint NOT NULL);
        CREATE INDEX ix_attachments_ticket ON attachments(ticket_id);
        CREATE INDEX ix_attachments_owner ON attachments(owner_scope);
        CREATE INDEX ix_attachments_unattached ON attachments(created_at) WHERE message_id IS NULL;
        CREATE TABLE idempotency (
            scope text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, request_hash text NOT NULL, completed boolean NOT NULL,
            status integer, content_type text, location text, body bytea, created_at bigint NOT NULL,
            PRIMARY KEY (scope, key));
        CREATE INDEX ix_idempotency_created ON idempotency(created_at);
        CREATE TABLE faq_categories (id bigint NOT NULL, locale text COLLATE "C" NOT NULL, name text NOT NULL, description text, position integer NOT NULL, PRIMARY KEY (id, locale));
        CREATE TABLE faq_sections (id bigint NOT NULL, locale text COLLATE "C" NOT NULL, category_id bigint, name text NOT NULL, description text, position integer NOT NULL, PRIMARY KEY (id, locale));
        CREATE TABLE faq_articles (
            id bigint NOT NULL, locale text COLLATE "C" NOT NULL, external_id text, section_id bigint, title text NOT NULL,
            body_html text NOT NULL, body_text text NOT NULL, labels_json text NOT NULL, url text, position integer NOT NULL,
            updated_at bigint NOT NULL, helpful integer NOT NULL DEFAULT 0, not_helpful integer NOT NULL DEFAULT 0,
            PRIMARY KEY (id, locale));
        CREATE TABLE faq_votes (
            article_id bigint NOT NULL, locale text COLLATE "C" NOT NULL, voter text COLLATE "C" NOT NULL, helpful boolean NOT NULL, comment text,
            created_at bigint NOT NULL, PRIMARY KEY (article_id, locale, voter));
        CREATE INDEX ix_faq_votes_created ON faq_votes(created_at);
        CREATE TABLE channel_reports (
            id text COLLATE "C" PRIMARY KEY, reporter_scope text NOT NULL, reporter_id text NOT NULL, input text NOT NULL,
            verdict text NOT NULL, kind text NOT NULL, matched text, reason text, place text, note text, created_at bigint NOT NULL);
        CREATE TABLE chats (
            id text COLLATE "C" PRIMARY KEY, owner_id text COLLATE "C" NOT NULL, owner_name text NOT NULL, status text COLLATE "C" NOT NULL, topic text,
            locale text COLLATE "C" NOT NULL, agent_id text COLLATE "C", agent_name text, tier integer NOT NULL, queued_at bigint,
            last_seq bigint NOT NULL, customer_read_seq bigint NOT NULL, agent_read_seq bigint NOT NULL,
            unhelpful integer NOT NULL, awaiting_feedback boolean NOT NULL, ticket_id text COLLATE "C",
            version bigint NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL);
        CREATE INDEX ix_chats_owner ON chats(owner_id, id DESC);
        CREATE INDEX ix_chats_state ON chats(status, (COALESCE(queued_at, 0)), id);
        CREATE INDEX ix_chats_owner_open ON chats(owner_id) WHERE status <> 'closed';
        CREATE INDEX ix_chats_created ON chats(created_at);
        CREATE TABLE chat_events (
            chat_id text COLLATE "C" NOT NULL REFERENCES chats(id), seq bigint NOT NULL, kind text COLLATE "C" NOT NULL, sender text COLLATE "C",
            client_message_id text COLLATE "C", frame_json text NOT NULL, created_at bigint NOT NULL,
            PRIMARY KEY (chat_id, seq));
        CREATE UNIQUE INDEX ux_chat_events_client_message ON chat_events(chat_id, sender, client_message_id) WHERE client_message_id IS NOT NULL;
        CREATE TABLE faq_queries (
            id text COLLATE "C" PRIMARY KEY, source text COLLATE "C" NOT NULL, locale text COLLATE "C" NOT NULL, query text COLLATE "C", answered boolean NOT NULL,
            result_count integer NOT NULL, article_ids text NOT NULL, asker text COLLATE "C" NOT NULL, chat_id text COLLATE "C",
            clicked boolean NOT NULL DEFAULT false, voted_not_helpful boolean NOT NULL DEFAULT false,
            asked_person boolean NOT NULL DEFAULT false, created_at bigint NOT NULL);
        CREATE INDEX ix_faq_queries_created ON faq_queries(created_at);
        CREATE INDEX ix_faq_queries_asker ON faq_queries(asker, created_at);
        CREATE INDEX ix_faq_queries_chat ON faq_queries(chat_id) WHERE chat_id IS NOT NULL;
        """,
        WebhookRows.Schema,
        StoreRows.TicketSlaSchema,
        AgentRows.Schema,
        TicketWorkspaceRows.Schema,
        StoreRows.TicketSlaWarningSchema,
    ];

    public static int LatestVersion => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key);", cancellationToken, MigrationLock);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS support_schema (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL);",
                cancellationToken);
            int version;
            await using (var read = new NpgsqlCommand("SELECT version FROM support_schema;", connection))
            {
                version = await read.ExecuteScalarAsync(cancellationToken) is int v ? v : 0;
            }

            if (version > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database schema version {version} is newer than this server knows ({Migrations.Length}): another node runs a newer server. Upgrade this server.");
            }

            for (var next = version; next < Migrations.Length; next++)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, Migrations[next], cancellationToken);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO support_schema(singleton, version) VALUES (true, @key) ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;",
                    cancellationToken, next + 1);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            // Not cancellable: the lock must not stay with a pooled connection.
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key);", CancellationToken.None, MigrationLock);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, object? key = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
