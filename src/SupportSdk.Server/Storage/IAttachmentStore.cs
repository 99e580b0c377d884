namespace SupportSdk.Server.Storage;

/// <summary>Uploaded files, who owns them and which message they are on.</summary>
internal interface IAttachmentStore
{
    Task AddAttachmentAsync(StoredAttachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task<StoredAttachment?> GetAttachmentAsync(string id, CancellationToken cancellationToken);

    Task<byte[]?> ReadAttachmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The bytes an owner's stored attachments take, attached or not.</summary>
    Task<long> SumAttachmentBytesAsync(string ownerScope, CancellationToken cancellationToken);

    /// <summary>Deletes uploads never attached to a message that were created before <paramref name="createdBefore"/>.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteUnattachedAttachmentsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);
}

/// <summary>An attachment with who owns it and what it is linked to.</summary>
internal sealed record StoredAttachment(AttachmentInfo Info, string OwnerScope, string? TicketId, string? MessageId);
