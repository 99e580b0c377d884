using System.Text.Json;
using System.Text.Json.Serialization;
using ExchangeDemo.Chat;
using ExchangeDemo.Help;

namespace ExchangeDemo.Support;

/// <summary>The demo's own JSON (what its pages' scripts read), source-generated like the SDK's.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SuggestionList))]
[JsonSerializable(typeof(ChatEventView))]
[JsonSerializable(typeof(ChatStarted))]
[JsonSerializable(typeof(ChatSendRequest))]
[JsonSerializable(typeof(ChatSendResult))]
[JsonSerializable(typeof(ChatReadRequest))]
[JsonSerializable(typeof(ChatStartRequest))]
[JsonSerializable(typeof(ChatTicketResult))]
[JsonSerializable(typeof(ChatProblem))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class DemoJson : JsonSerializerContext;
