using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk.Tests;

/// <summary>Style rules enforced by reflection (style.md rules 2–4 and 14).</summary>
[TestFixture]
public sealed class ConventionTests
{
    private static readonly Assembly Sdk = typeof(SupportClient).Assembly;
    private static readonly Assembly Protocol = typeof(SupportJsonContext).Assembly;

    /// <summary>Every client of the SDK, named here so that the tests below can never pass over an empty or shrunken set.</summary>
    private static readonly string[] Clients =
        ["SupportClient", "TicketsClient", "AgentTicketsClient", "FaqClient", "IdentityClient", "ChatClient", "AgentChatsClient", "ChannelsClient", "WebhooksClient", "AgentsClient", "AccountClient", "DepositsClient"];

    private static Type[] ClientTypes() =>
        [.. Sdk.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Client", StringComparison.Ordinal))];

    /// <summary>What a caller mocks: the clients, the chat session and the paged list.</summary>
    private static Type[] MockableTypes() => [.. ClientTypes(), typeof(ChatSession), typeof(AsyncPageable<>)];

    private static IEnumerable<MethodInfo> AsyncMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name != nameof(IAsyncDisposable.DisposeAsync));

    [Test]
    public void The_clients_are_exactly_the_known_ones()
    {
        Assert.That(ClientTypes().Select(t => t.Name), Is.EquivalentTo(Clients), "a new client is added to this list, and so to every convention below");
    }

    [Test]
    public void Every_public_async_method_is_virtual_and_takes_a_trailing_cancellation_token()
    {
        var offenders = new List<string>();
        var methods = ClientTypes().Append(typeof(ChatSession)).SelectMany(AsyncMethods).ToList();
        foreach (var method in methods)
        {
            var parameters = method.GetParameters();
            var pageable = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>);
            var stream = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>);
            var name = $"{method.DeclaringType!.Name}.{method.Name}";
            if (!method.IsVirtual)
            {
                offenders.Add($"{name} is not virtual");
            }

            if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken) || !parameters[^1].HasDefaultValue)
            {
                offenders.Add($"{name} lacks a trailing 'CancellationToken cancellationToken = default'");
            }

            if (!pageable && !stream && !typeof(Task).IsAssignableFrom(method.ReturnType))
            {
                offenders.Add($"{name} does not return a Task");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(methods, Has.Count.GreaterThan(30), "the clients' methods were found");
            Assert.That(methods.Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>)).Select(m => m.Name),
                Is.SupersetOf(new[] { "GetTicketsAsync", "GetMessagesAsync", "GetChatsAsync" }), "the paged methods are checked too");
            Assert.That(offenders, Is.Empty);
        });
    }

    [Test]
    public void Every_async_method_is_named_verb_and_noun()
    {
        // One rule: a verb and the thing it acts on (AcceptChatAsync, SendMessageAsync), never a bare verb (AcceptAsync).
        var methods = ClientTypes().Append(typeof(ChatSession)).Append(typeof(SupportCredential)).SelectMany(AsyncMethods).ToList();
        var bare = methods.Where(m => m.Name[..^"Async".Length].Count(char.IsUpper) < 2).Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.That(bare, Is.Empty);
    }

    [Test]
    public void A_status_parameter_is_named_status()
    {
        var statusTypes = new[] { typeof(TicketStatus), typeof(ChatStatus) };
        var parameters = ClientTypes().SelectMany(AsyncMethods).SelectMany(m => m.GetParameters().Select(p => (Method: m, Parameter: p)))
            .Where(x => statusTypes.Contains(Nullable.GetUnderlyingType(x.Parameter.ParameterType) ?? x.Parameter.ParameterType))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(parameters, Has.Count.GreaterThanOrEqualTo(3), "the status filters of the three lists were found");
            Assert.That(parameters.Where(x => x.Parameter.Name != "status").Select(x => $"{x.Method.DeclaringType!.Name}.{x.Method.Name}({x.Parameter.Name})"), Is.Empty);
        });
    }

    [Test]
    public void Every_create_or_reply_takes_an_idempotency_key()
    {
        var writes = new[]
        {
            typeof(TicketsClient).GetMethod(nameof(TicketsClient.CreateTicketAsync))!,
            typeof(TicketsClient).GetMethod(nameof(TicketsClient.AddMessageAsync))!,
            typeof(AgentTicketsClient).GetMethod(nameof(AgentTicketsClient.AddMessageAsync))!,
            typeof(WebhooksClient).GetMethod(nameof(WebhooksClient.CreateWebhookAsync))!,
            typeof(WebhooksClient).GetMethod(nameof(WebhooksClient.RotateWebhookSecretAsync))!,
        };

        Assert.That(writes.Where(m => !m.GetParameters().Any(p => p.Name == "idempotencyKey" && p.ParameterType == typeof(string))).Select(m => $"{m.DeclaringType!.Name}.{m.Name}"), Is.Empty);
    }

    [Test]
    public void No_public_type_is_named_like_a_property_of_the_client()
    {
        // A model named like a sub-client property (a `Chat` model beside `SupportClient.Chat`) cannot be named in code
        // that uses the property without qualifying it.
        var properties = typeof(SupportClient).GetProperties().Select(p => p.Name).ToList();
        var types = Sdk.GetExportedTypes().Concat(Protocol.GetExportedTypes()).Where(t => t.Namespace == "SupportSdk").Select(t => t.Name).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(properties, Is.SupersetOf(new[] { "Tickets", "Faq", "Chat", "Channels" }), "the client's properties were found");
            Assert.That(properties.Intersect(types), Is.Empty);
        });
    }

    [Test]
    public void Every_mockable_type_has_a_protected_parameterless_constructor()
    {
        var missing = MockableTypes().Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not { IsFamily: true }).Select(t => t.Name);
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Collections_on_models_are_read_only()
    {
        var offenders = Protocol.GetExportedTypes()
            .SelectMany(t => t.GetProperties().Select(p => (t, p)))
            .Where(x => x.p.PropertyType.IsGenericType && x.p.PropertyType.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(IList<>)))
            .Select(x => $"{x.t.Name}.{x.p.Name}");
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_wire_model_is_in_a_source_generated_context_and_round_trips_without_reflection()
    {
        Assert.That(JsonSerializer.IsReflectionEnabledByDefault, Is.False, "the test project disables reflection-based JSON");
        var models = Protocol.GetExportedTypes()
            .Where(t => t.IsClass && t.IsSealed && !t.IsAbstract && t.Namespace is "SupportSdk" or "SupportSdk.Channels" && t.GetConstructor(Type.EmptyTypes) is not null
                && !typeof(JsonSerializerContext).IsAssignableFrom(t) && !typeof(JsonConverter).IsAssignableFrom(t) && !t.IsGenericTypeDefinition)
            .ToList();
        var missing = new List<string>();
        foreach (var model in models)
        {
            var info = SupportJsonContext.Default.GetTypeInfo(model) ?? ChatJsonContext.Default.GetTypeInfo(model) ?? Channels.ChannelsJsonContext.Default.GetTypeInfo(model);
            if (info is null)
            {
                missing.Add(model.Name);
                continue;
            }

            var instance = Activator.CreateInstance(model)!;
            var json = JsonSerializer.Serialize(instance, info);
            var back = JsonSerializer.Deserialize(json, info);
            Assert.That(JsonSerializer.Serialize(back, info), Is.EqualTo(json), model.Name);
        }

        Assert.Multiple(() =>
        {
            Assert.That(models.Select(t => t.Name), Is.SupersetOf(new[] { "Ticket", "TransactionInfo", "ChatThread", "ChatFrame", "FaqSearchResults", "SignedChannelManifest" }),
                "the filter finds the models of every context");
            Assert.That(missing, Is.Empty, "models missing from SupportJsonContext, ChatJsonContext and ChannelsJsonContext");
        });
    }

    [Test]
    public void Extensible_enums_keep_unknown_values_and_compare_case_insensitively()
    {
        var unknown = JsonSerializer.Deserialize("\"on_hold\"", SupportJsonContext.Default.TicketStatus);
        var mixedCase = new TicketStatus("OPEN");
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Value, Is.EqualTo("on_hold"));
            Assert.That(unknown.IsKnown, Is.False);
            Assert.That(JsonSerializer.Serialize(unknown, SupportJsonContext.Default.TicketStatus), Is.EqualTo("\"on_hold\""));
            Assert.That(mixedCase, Is.EqualTo(TicketStatus.Open));
            Assert.That(TicketStatus.KnownValues, Has.Count.EqualTo(6));
        });
    }

    [Test]
    public void Models_serialize_camel_case_with_string_enums()
    {
        var json = JsonSerializer.Serialize(new CreateTicketRequest { Subject = "s", Body = "b", Category = TicketCategory.Withdrawal, Priority = TicketPriority.Urgent }, SupportJsonContext.Default.CreateTicketRequest);
        Assert.That(json, Does.Contain("\"subject\":\"s\"").And.Contain("\"category\":\"withdrawal\"").And.Contain("\"priority\":\"urgent\""));
    }
}
