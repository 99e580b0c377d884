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

    private static IEnumerable<Type> ClientTypes() =>
        Sdk.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Client", StringComparison.Ordinal));

    [Test]
    public void Every_public_async_method_is_virtual_and_takes_a_trailing_cancellation_token()
    {
        var offenders = new List<string>();
        foreach (var type in ClientTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)))
            {
                var parameters = method.GetParameters();
                var pageable = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>);
                if (!method.IsVirtual)
                {
                    offenders.Add($"{type.Name}.{method.Name} is not virtual");
                }

                if (!pageable && (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken) || !parameters[^1].HasDefaultValue))
                {
                    offenders.Add($"{type.Name}.{method.Name} lacks a trailing 'CancellationToken cancellationToken = default'");
                }

                if (!pageable && !typeof(Task).IsAssignableFrom(method.ReturnType))
                {
                    offenders.Add($"{type.Name}.{method.Name} does not return a Task");
                }
            }
        }

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_client_has_a_protected_parameterless_constructor_for_mocking()
    {
        var missing = ClientTypes().Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not { IsFamily: true }).Select(t => t.Name);
        Assert.That(missing, Is.Empty);
        Assert.That(ClientTypes().Select(t => t.Name), Is.SupersetOf(new[] { "SupportClient", "TicketsClient", "FaqClient", "IdentityClient", "AgentTicketsClient" }));
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
    public void Every_wire_model_is_in_the_source_generated_context_and_round_trips_without_reflection()
    {
        Assert.That(JsonSerializer.IsReflectionEnabledByDefault, Is.False, "the test project disables reflection-based JSON");
        var models = Protocol.GetExportedTypes()
            .Where(t => t.IsClass && t.IsSealed && !t.IsAbstract && t.Namespace == "SupportSdk" && t.GetConstructor(Type.EmptyTypes) is not null
                && !typeof(JsonSerializerContext).IsAssignableFrom(t) && !t.IsGenericTypeDefinition && !t.Name.EndsWith("Converter`1", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var model in models)
        {
            var info = SupportJsonContext.Default.GetTypeInfo(model) ?? ChatJsonContext.Default.GetTypeInfo(model);
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

        Assert.That(missing, Is.Empty, "models missing from SupportJsonContext and ChatJsonContext");
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
