using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>The source-generated JSON context for chat: like <see cref="SupportJsonContext"/>, but omits null fields
/// so that frames stay small.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ChatThread))]
[JsonSerializable(typeof(Page<ChatThread>))]
[JsonSerializable(typeof(StartChatRequest))]
[JsonSerializable(typeof(SendChatMessageRequest))]
[JsonSerializable(typeof(MarkChatReadRequest))]
[JsonSerializable(typeof(TransferChatRequest))]
[JsonSerializable(typeof(ChatFrame))]
[JsonSerializable(typeof(ChatEventBatch))]
[JsonSerializable(typeof(Page<ChatFrame>))]
public sealed partial class ChatJsonContext : JsonSerializerContext;
