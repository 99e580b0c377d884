using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>
/// The source-generated System.Text.Json context for every wire model of Support API v1: camelCase, string enums,
/// no reflection. Both the client and the server serialize only through it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SupportProblem))]
[JsonSerializable(typeof(UserTokenRequest))]
[JsonSerializable(typeof(UserToken))]
[JsonSerializable(typeof(CreateTicketRequest))]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(Page<Ticket>))]
[JsonSerializable(typeof(TicketMessage))]
[JsonSerializable(typeof(Page<TicketMessage>))]
[JsonSerializable(typeof(ReplyRequest))]
[JsonSerializable(typeof(UpdateTicketRequest))]
[JsonSerializable(typeof(AgentUpdateTicketRequest))]
[JsonSerializable(typeof(EscalateRequest))]
[JsonSerializable(typeof(RateTicketRequest))]
[JsonSerializable(typeof(AttachmentInfo))]
[JsonSerializable(typeof(FaqSearchResults))]
[JsonSerializable(typeof(FaqArticle))]
[JsonSerializable(typeof(FaqSectionList))]
[JsonSerializable(typeof(FaqSuggestions))]
[JsonSerializable(typeof(FaqFeedbackRequest))]
[JsonSerializable(typeof(FaqInsights))]
[JsonSerializable(typeof(SupportStatus))]
[JsonSerializable(typeof(ChannelReportRequest))]
[JsonSerializable(typeof(ChannelReport))]
[JsonSerializable(typeof(Page<ChannelReport>))]
[JsonSerializable(typeof(SensitiveFinding))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(TicketMessageEventData))]
[JsonSerializable(typeof(SecretBlockedEventData))]
[JsonSerializable(typeof(FlaggedMessageEventData))]
[JsonSerializable(typeof(WebhookEndpoint))]
[JsonSerializable(typeof(Page<WebhookEndpoint>))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(UpdateWebhookRequest))]
[JsonSerializable(typeof(LockAccountRequest))]
[JsonSerializable(typeof(AccountLockResult))]
[JsonSerializable(typeof(AccountLockRequestedEventData))]
[JsonSerializable(typeof(EmailSpoofedEventData))]
[JsonSerializable(typeof(DepositLookup))]
[JsonSerializable(typeof(InboundEmailResult))]
[JsonSerializable(typeof(TicketEmailSettings))]
[JsonSerializable(typeof(MergeTicketRequest))]
[JsonSerializable(typeof(TicketNote))]
[JsonSerializable(typeof(AddTicketNoteRequest))]
[JsonSerializable(typeof(TicketNoteList))]
[JsonSerializable(typeof(ViewingTicketRequest))]
[JsonSerializable(typeof(TicketViewers))]
[JsonSerializable(typeof(MacroList))]
[JsonSerializable(typeof(SupportReport))]
[JsonSerializable(typeof(Agent))]
[JsonSerializable(typeof(AgentList))]
[JsonSerializable(typeof(UpdateAgentRequest))]
[JsonSerializable(typeof(SetAgentStatusRequest))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(Page<WebhookDelivery>))]
public sealed partial class SupportJsonContext : JsonSerializerContext;
