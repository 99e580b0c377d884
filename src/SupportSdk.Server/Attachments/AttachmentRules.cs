using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Attachments;

/// <summary>Who may attach and download which file.</summary>
internal sealed class AttachmentRules(IAttachmentStore store, ITicketStore tickets)
{
    public const int MaxPerMessage = 10;

    /// <summary>Checks that every id is the author's own, not yet attached, upload.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> ClaimAsync(SupportPrincipal author, IReadOnlyList<string>? ids, string field)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > MaxPerMessage || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw ApiError.Validation(field, $"Attach at most {MaxPerMessage} different files.");
        }

        var claimed = new List<AttachmentInfo>(ids.Count);
        foreach (var id in ids)
        {
            var stored = Ids.LooksValid(id, "att_") ? await store.GetAttachmentAsync(id, CancellationToken.None).ConfigureAwait(false) : null;
            if (stored is null || !string.Equals(stored.OwnerScope, author.Scope, StringComparison.Ordinal) || stored.MessageId is not null)
            {
                throw new ApiError(400, ErrorCodes.InvalidAttachment, "An attachment cannot be attached.",
                    "Attach only files you uploaded yourself and have not attached yet.",
                    new Dictionary<string, string[]> { [field] = ["Unknown, not yours, or already attached."] });
            }

            claimed.Add(stored.Info);
        }

        return claimed;
    }

    /// <summary>The attachment if the caller may download it: agents, the uploader, or the owner of the ticket it is on.</summary>
    public async Task<StoredAttachment> GetVisibleAsync(string id, SupportPrincipal caller, CancellationToken cancellationToken)
    {
        var stored = Ids.LooksValid(id, "att_") ? await store.GetAttachmentAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (stored is not null)
        {
            if (caller.Kind == PrincipalKinds.Agent || string.Equals(stored.OwnerScope, caller.Scope, StringComparison.Ordinal))
            {
                return stored;
            }

            if (stored.TicketId is not null && caller.Kind == PrincipalKinds.User
                && await tickets.GetTicketAsync(stored.TicketId, cancellationToken).ConfigureAwait(false) is { } ticket
                && string.Equals(ticket.Customer.UserId, caller.Id, StringComparison.Ordinal))
            {
                return stored;
            }
        }

        throw new ApiError(404, ErrorCodes.AttachmentNotFound, "The attachment does not exist.");
    }
}
