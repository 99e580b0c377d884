using static SupportSdk.Server.Storage.StoreRows;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    public async Task AddAttachmentAsync(StoredAttachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var info = attachment.Info;
        await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO attachments(id, owner_scope, file_name, content_type, size, content, created_at) VALUES ($id, $owner, $name, $type, $size, $content, $at);",
                ("$id", info.Id), ("$owner", attachment.OwnerScope), ("$name", info.FileName), ("$type", info.ContentType),
                ("$size", info.Size), ("$content", content.ToArray()), ("$at", info.CreatedAt.ToUnixTimeMilliseconds()));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredAttachment?> GetAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, file_name, content_type, size, created_at, owner_scope, ticket_id, message_id FROM attachments WHERE id = $id;", ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredAttachment(ReadAttachmentInfo(reader), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7))
            : null;
    }

    public async Task<byte[]?> ReadAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT content FROM attachments WHERE id = $id;", ("$id", id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public async Task<long> SumAttachmentBytesAsync(string ownerScope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COALESCE(SUM(size), 0) FROM attachments WHERE owner_scope = $owner;", ("$owner", ownerScope));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> DeleteUnattachedAttachmentsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction,
                "DELETE FROM attachments WHERE message_id IS NULL AND created_at < $before;", ("$before", createdBefore.ToUnixTimeMilliseconds()));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
