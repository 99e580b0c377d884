using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IAttachmentStore</c>: an attachment links to one message only.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class AttachmentStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Attachments_link_to_one_message_only()
    {
        var info = new AttachmentInfo { Id = "att_1", FileName = "a.png", ContentType = "image/png", Size = 3, CreatedAt = T0 };
        await _store.AddAttachmentAsync(new StoredAttachment(info, "user:alice", null, null), new byte[] { 1, 2, 3 }, CancellationToken.None);
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_a1", info), null, CancellationToken.None);
        var second = NewTicket("alice");
        var reuse = async () => await _store.CreateTicketAsync(second, Message(1, "msg_a2", info), null, CancellationToken.None);

        Assert.That(reuse, Throws.Exception);
        var stored = await _store.GetAttachmentAsync("att_1", CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(stored!.TicketId, Is.EqualTo(ticket.Id));
            Assert.That(stored.MessageId, Is.EqualTo("msg_a1"));
            Assert.That(await _store.ReadAttachmentAsync("att_1", CancellationToken.None), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(await _store.GetTicketAsync(second.Id, CancellationToken.None), Is.Null, "the failed create left nothing behind");
            Assert.That((await _store.ListMessagesAsync(ticket.Id, 0, 10, CancellationToken.None))[0].Attachments.Single().Id, Is.EqualTo("att_1"));
        });
    }

    [Test]
    public async Task A_keyed_create_whose_attachment_is_taken_writes_nothing_and_leaves_its_key_free()
    {
        var info = new AttachmentInfo { Id = "att_k", FileName = "a.png", ContentType = "image/png", Size = 3, CreatedAt = T0 };
        await _store.AddAttachmentAsync(new StoredAttachment(info, "user:alice", null, null), new byte[] { 1, 2, 3 }, CancellationToken.None);
        await _store.CreateTicketAsync(NewTicket("alice"), Message(1, "msg_k1", info), null, CancellationToken.None);
        var key = new IdempotencyRequest("user:alice", "create-taken", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var second = NewTicket("alice");
        var reuse = async () => await _store.CreateTicketAsync(second, Message(1, "msg_k2", info),
            new IdempotentCompletion(key, new StoredResponse(201, "application/json", "/v1/tickets/x", [1])), [new OutboxEvent("evt_k", "ticket.created", T0, second.Id, null, "{}")],
            CancellationToken.None);

        Assert.That(reuse, Throws.InstanceOf<StoreConflictException>());
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.GetTicketAsync(second.Id, CancellationToken.None), Is.Null);
            Assert.That((await _store.PeekIdempotentRequestAsync(key, CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Started), "no record: a corrected retry runs");
        });
    }
}
