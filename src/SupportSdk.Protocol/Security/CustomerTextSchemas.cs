namespace SupportSdk.Security;

/// <summary>Which texts of one request a customer wrote, and how to rebuild the request around screened texts.</summary>
internal sealed class CustomerTextSchema<T>(Func<T, CustomerField[]> fields, Func<T, IReadOnlyList<string?>, T> with)
{
    public CustomerField[] Fields(T request) => fields(request);

    /// <summary>A copy of <paramref name="request"/> with <paramref name="texts"/> (in the order of <see cref="Fields"/>).</summary>
    public T With(T request, IReadOnlyList<string?> texts) => with(request, texts);
}

/// <summary>
/// The customer requests and their free-text fields. Every other string property of a request a customer sends is
/// listed in <see cref="NotFreeText"/> with the reason it cannot carry a secret; a test holds both lists against
/// the models by reflection, so a new field is screened or explained, never forgotten.
/// </summary>
internal static class CustomerTextSchemas
{
    public static readonly CustomerTextSchema<CreateTicketRequest> CreateTicket = new(
        r => [new("subject", r.Subject), new("body", r.Body), new("transaction.txId", r.Transaction?.TxId)],
        (r, t) => new CreateTicketRequest
        {
            Subject = t[0] ?? string.Empty,
            Body = t[1] ?? string.Empty,
            Category = r.Category,
            Priority = r.Priority,
            Locale = r.Locale,
            AttachmentIds = r.AttachmentIds,
            Transaction = r.Transaction is not { } tx ? null : new TransactionInfo
            {
                Asset = tx.Asset,
                Network = tx.Network,
                TxId = t[2] ?? string.Empty,
                Amount = tx.Amount,
                Direction = tx.Direction,
                Lookup = tx.Lookup,
            },
        });

    public static readonly CustomerTextSchema<ReplyRequest> Reply = new(
        r => [new("body", r.Body)],
        (r, t) => new ReplyRequest { Body = t[0] ?? string.Empty, AttachmentIds = r.AttachmentIds, SeenSeq = r.SeenSeq });

    public static readonly CustomerTextSchema<LockAccountRequest> LockAccount = new(
        r => [new("reason", r.Reason)],
        (_, t) => new LockAccountRequest { Reason = t[0] });

    public static readonly CustomerTextSchema<EscalateRequest> Escalate = new(
        r => [new("reason", r.Reason)],
        (_, t) => new EscalateRequest { Reason = t[0] });

    public static readonly CustomerTextSchema<RateTicketRequest> Rate = new(
        r => [new("comment", r.Comment)],
        (r, t) => new RateTicketRequest { Score = r.Score, Comment = t[0] });

    public static readonly CustomerTextSchema<StartChatRequest> StartChat = new(
        r => [new("topic", r.Topic)],
        (r, t) => new StartChatRequest { Topic = t[0], Locale = r.Locale });

    public static readonly CustomerTextSchema<SendChatMessageRequest> SendChat = new(
        r => [new("text", r.Text)],
        (r, t) => new SendChatMessageRequest { ClientMessageId = r.ClientMessageId, Text = t[0] ?? string.Empty });

    public static readonly CustomerTextSchema<ChannelReportRequest> ChannelReport = new(
        r => [new("input", r.Input), new("where", r.Where), new("note", r.Note)],
        (_, t) => new ChannelReportRequest { Input = t[0] ?? string.Empty, Where = t[1], Note = t[2] });

    public static readonly CustomerTextSchema<FaqFeedbackRequest> FaqFeedback = new(
        r => [new("comment", r.Comment)],
        (r, t) => new FaqFeedbackRequest { Helpful = r.Helpful, Comment = t[0] });

    private const string ServerSet = "set by the server from the exchange's lookup; whatever a client sends in a ticket's transaction is discarded";

    /// <summary>String properties of customer requests that are not free text, with why they cannot hold a secret.</summary>
    public static readonly IReadOnlyDictionary<(Type Model, string Property), string> NotFreeText = new Dictionary<(Type, string), string>
    {
        [(typeof(CreateTicketRequest), nameof(CreateTicketRequest.Locale))] = "a locale code, checked against the locales the server knows",
        [(typeof(CreateTicketRequest), nameof(CreateTicketRequest.AttachmentIds))] = "ids of the caller's own uploads (the files are screened when uploaded)",
        [(typeof(TransactionInfo), nameof(TransactionInfo.Asset))] = "an asset symbol, 2–12 letters or digits",
        [(typeof(TransactionInfo), nameof(TransactionInfo.Network))] = "a network name, 2–20 letters, digits or '-'",
        [(typeof(DepositLookup), nameof(DepositLookup.Network))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.TxId))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.Status))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.Problem))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.Asset))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.NextStep))] = ServerSet,
        [(typeof(DepositLookup), nameof(DepositLookup.Advice))] = ServerSet,
        [(typeof(ReplyRequest), nameof(ReplyRequest.AttachmentIds))] = "ids of the caller's own uploads (the files are screened when uploaded)",
        [(typeof(StartChatRequest), nameof(StartChatRequest.Locale))] = "a locale code, checked against the locales the server knows",
        [(typeof(SendChatMessageRequest), nameof(SendChatMessageRequest.ClientMessageId))] = "1–64 letters, digits, '-' or '_' chosen by the client library",
    };

    /// <summary>Requests a customer never sends, with who does.</summary>
    public static readonly IReadOnlyDictionary<Type, string> NotFromCustomers = new Dictionary<Type, string>
    {
        [typeof(UserTokenRequest)] = "sent by the exchange's backend with its API key; the names are checked for control characters",
        [typeof(AgentUpdateTicketRequest)] = "sent by agents, whose messages are flagged rather than screened",
        [typeof(TransferChatRequest)] = "sent by agents, whose messages are flagged rather than screened",
        [typeof(UpdateTicketRequest)] = "no string property: status and priority are codes from closed lists",
        [typeof(MarkChatReadRequest)] = "no string property: a sequence number",
        [typeof(TicketEmailSettings)] = "no string property: a yes or no",
        [typeof(CreateWebhookRequest)] = "sent by the exchange's backend with its API key; the URL and event types are validated, the description checked for control characters",
        [typeof(UpdateWebhookRequest)] = "sent by the exchange's backend with its API key; validated as on creation",
        [typeof(UpdateAgentRequest)] = "sent by the exchange's backend with its API key; languages and skills are codes checked against closed lists",
        [typeof(AddTicketNoteRequest)] = "sent by agents; the note is screened for secrets as customer text is, and refused when it holds one",
        [typeof(ViewingTicketRequest)] = "sent by agents; no string property",
        [typeof(MergeTicketRequest)] = "sent by agents; a ticket id, checked to be one of the same customer's tickets",
        [typeof(SetAgentStatusRequest)] = "sent by agents; no string property but a status from a closed list",
    };

    public static CustomerTextSchema<T> For<T>()
    {
        object schema = typeof(T) switch
        {
            var t when t == typeof(CreateTicketRequest) => CreateTicket,
            var t when t == typeof(ReplyRequest) => Reply,
            var t when t == typeof(EscalateRequest) => Escalate,
            var t when t == typeof(LockAccountRequest) => LockAccount,
            var t when t == typeof(RateTicketRequest) => Rate,
            var t when t == typeof(StartChatRequest) => StartChat,
            var t when t == typeof(SendChatMessageRequest) => SendChat,
            var t when t == typeof(ChannelReportRequest) => ChannelReport,
            var t when t == typeof(FaqFeedbackRequest) => FaqFeedback,
            _ => throw new ArgumentException($"{typeof(T).Name} is not a request a customer writes text in.", nameof(T)),
        };
        return (CustomerTextSchema<T>)schema;
    }
}
