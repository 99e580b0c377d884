using static SupportSdk.Server.Storage.StoreRows;
using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore
{
    public async Task AddAttachmentAsync(StoredAttachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var info = attachment.Info;
        await using var insert = Command(
            "INSERT INTO attachments(id, owner_scope, file_name, content_type, size, content, created_at) VALUES (@id, @owner, @name, @type, @size, @content, @at);",
            ("id", info.Id), ("owner", attachment.OwnerScope), ("name", info.FileName), ("type", info.ContentType),
            ("size", info.Size), ("content", content), ("at", info.CreatedAt.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredAttachment?> GetAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT id, file_name, content_type, size, created_at, owner_scope, ticket_id, message_id FROM attachments WHERE id = @id;", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredAttachment(ReadAttachmentInfo(reader), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7))
            : null;
    }

    public async Task<byte[]?> ReadAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT content FROM attachments WHERE id = @id;", ("id", id));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<long> SumAttachmentBytesAsync(string ownerScope, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT COALESCE(SUM(size), 0)::bigint FROM attachments WHERE owner_scope = @owner;", ("owner", ownerScope));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<int> DeleteUnattachedAttachmentsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await using var delete = Command("DELETE FROM attachments WHERE message_id IS NULL AND created_at < @before;", ("before", createdBefore.ToUnixTimeMilliseconds()));
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
