using System.Text.Json.Serialization;
using SupportSdk.Server.Identity;

namespace SupportSdk.Server;

/// <summary>Source-generated JSON for the server's own (non-wire) documents.</summary>
[JsonSerializable(typeof(UserTokenClaims))]
[JsonSerializable(typeof(TransactionInfo))]
[JsonSerializable(typeof(TicketSla))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Faq.ZendeskExport))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
