using System.Collections;
using System.Reflection;
using System.Text.Json;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>
/// The screened set is one definition (<see cref="CustomerText"/>): every string a customer can send in any request
/// model is either screened or listed as not free text with a reason. Walks the models by reflection, so a new
/// property fails here until someone decides which it is.
/// </summary>
[TestFixture]
public sealed class CustomerTextCoverageTests
{
    private const string Phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    private static readonly Type[] RequestModels = [.. typeof(CreateTicketRequest).Assembly.GetExportedTypes()
        .Where(t => t.IsClass && t.Name.EndsWith("Request", StringComparison.Ordinal))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static IEnumerable<Type> CustomerRequests() => RequestModels.Where(t => !CustomerTextSchemas.NotFromCustomers.ContainsKey(t));

    [Test]
    public void Every_request_model_is_either_a_customer_request_or_says_who_sends_it()
    {
        Assert.That(RequestModels, Has.Length.GreaterThanOrEqualTo(13), "the request models were not found");
        foreach (var type in RequestModels)
        {
            if (CustomerTextSchemas.NotFromCustomers.TryGetValue(type, out var who))
            {
                Assert.That(who, Is.Not.Empty, type.Name);
                continue;
            }

            Assert.That(() => FieldsOf(type, Build(type)), Throws.Nothing, $"{type.Name} has no customer-text definition in CustomerTextSchemas");
        }
    }

    [TestCaseSource(nameof(CustomerRequests))]
    public void Every_string_property_is_screened_or_explained(Type type)
    {
        var request = Build(type);
        var screened = string.Join("\n", FieldsOf(type, request).Select(f => f.Text));
        var unexplained = StringProperties(type, request)
            .Where(p => !screened.Contains(p.Marker, StringComparison.Ordinal) && !CustomerTextSchemas.NotFreeText.ContainsKey((p.Owner, p.Name)))
            .Select(p => p.Owner.Name + "." + p.Name)
            .ToList();
        Assert.That(unexplained, Is.Empty, "customer-writable strings that are neither screened nor listed in NotFreeText");
    }

    [Test]
    public void Every_exemption_names_a_real_string_property_that_is_not_screened()
    {
        Assert.That(CustomerTextSchemas.NotFreeText, Is.Not.Empty);
        foreach (var ((owner, name), reason) in CustomerTextSchemas.NotFreeText)
        {
            var property = owner.GetProperty(name);
            Assert.That(property, Is.Not.Null, $"{owner.Name}.{name} does not exist");
            Assert.That(IsStringLike(property!.PropertyType), Is.True, $"{owner.Name}.{name} is not a string");
            Assert.That(reason, Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(CustomerRequests))]
    public void Rebuilding_around_the_same_texts_keeps_every_property(Type type)
    {
        var request = Build(type);
        var rebuilt = InvokeSchema(type, "With", request, FieldsOf(type, request).Select(f => f.Text).ToList());
        var info = SupportJsonContext.Default.GetTypeInfo(type) ?? ChatJsonContext.Default.GetTypeInfo(type)!;
        Assert.That(JsonSerializer.Serialize(rebuilt, info), Is.EqualTo(JsonSerializer.Serialize(request, info)));
        Assert.That(rebuilt, Is.Not.SameAs(request));
    }

    [TestCaseSource(nameof(CustomerRequests))]
    public void A_seed_phrase_in_any_screened_field_blocks_the_request_and_names_that_field(Type type)
    {
        var fields = FieldsOf(type, Build(type));
        Assert.That(fields, Is.Not.Empty);
        for (var i = 0; i < fields.Count; i++)
        {
            var texts = fields.Select((f, j) => j == i ? "hi " + Phrase : "hello").ToList();
            var request = InvokeSchema(type, "With", Build(type), texts);
            var screened = ScreenAll(type, request);
            Assert.That(screened.IsBlocked, Is.True, $"{type.Name}.{fields[i].Name}");
            Assert.That(screened.Findings.Select(f => f.Field), Is.EqualTo(new[] { fields[i].Name }));
        }
    }

    [Test]
    public void A_password_is_redacted_in_the_copy_and_the_original_is_left_alone()
    {
        var request = new CreateTicketRequest
        {
            Subject = "cannot log in",
            Body = "my password is Hunter2!xyz please help",
            Category = TicketCategory.Account,
            Transaction = new TransactionInfo { Asset = "USDT", Network = "TRC20", TxId = new string('a', 64), Amount = 1.5m, Direction = TransactionDirection.Deposit },
        };
        var screened = CustomerText.ScreenAll(request);
        Assert.Multiple(() =>
        {
            Assert.That(screened.Action, Is.EqualTo(SecretAction.Redact));
            Assert.That(screened.Request.Body, Does.Not.Contain("Hunter2!xyz").And.Contain(SecretPolicy.RedactionMarker));
            Assert.That(screened.Request.Transaction!.TxId, Is.EqualTo(request.Transaction.TxId), "an unlabelled tx hash is not a secret");
            Assert.That(request.Body, Does.Contain("Hunter2!xyz"));
            Assert.That(screened.Findings.Single().Field, Is.EqualTo("body"));
        });
    }

    [Test]
    public void A_type_that_is_not_a_customer_request_is_refused() =>
        Assert.That(() => CustomerText.ScreenAll(new UserTokenRequest()), Throws.ArgumentException);

    [Test]
    public void Loose_texts_are_screened_in_order_with_their_names()
    {
        var screened = CustomerText.ScreenTexts([new("q", "withdrawal pending"), new("fileName", Phrase + ".txt"), new("content", null)]);
        Assert.Multiple(() =>
        {
            Assert.That(screened.IsBlocked, Is.True);
            Assert.That(screened.Findings.Select(f => f.Field), Is.EqualTo(new[] { "fileName" }));
            Assert.That(screened["q"], Is.EqualTo("withdrawal pending"));
            Assert.That(screened["content"], Is.Null);
            Assert.That(() => screened["nope"], Throws.TypeOf<KeyNotFoundException>());
        });
    }

    private static IReadOnlyList<CustomerField> FieldsOf(Type type, object request) =>
        (IReadOnlyList<CustomerField>)Unwrap(() => typeof(CustomerText).GetMethod(nameof(CustomerText.FieldsOf))!.MakeGenericMethod(type).Invoke(null, [request]));

    private static (bool IsBlocked, IReadOnlyList<SensitiveFinding> Findings) ScreenAll(Type type, object request)
    {
        var screened = Unwrap(() => typeof(CustomerText).GetMethod(nameof(CustomerText.ScreenAll))!.MakeGenericMethod(type).Invoke(null, [request, null]));
        return ((bool)screened.GetType().GetProperty("IsBlocked")!.GetValue(screened)!,
            (IReadOnlyList<SensitiveFinding>)screened.GetType().GetProperty("Findings")!.GetValue(screened)!);
    }

    private static object InvokeSchema(Type type, string method, params object[] args)
    {
        var schema = typeof(CustomerTextSchemas).GetMethod(nameof(CustomerTextSchemas.For))!.MakeGenericMethod(type).Invoke(null, null)!;
        return schema.GetType().GetMethod(method)!.Invoke(schema, args)!;
    }

    private static object Unwrap(Func<object?> call)
    {
        try
        {
            return call()!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>An instance with a distinct marker in every string (and string list), nested models built too.</summary>
    private static object Build(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (t == typeof(string))
            {
                property.SetValue(instance, Marker(type, property.Name));
            }
            else if (IsStringLike(t))
            {
                property.SetValue(instance, new List<string> { Marker(type, property.Name) });
            }
            else if (t.IsClass && t.Assembly == type.Assembly && t.GetConstructor(Type.EmptyTypes) is not null)
            {
                property.SetValue(instance, Build(t));
            }
            else if (t == typeof(decimal))
            {
                property.SetValue(instance, 12.5m);
            }
            else if (t == typeof(bool))
            {
                property.SetValue(instance, true);
            }
            else if (t == typeof(int) || t == typeof(long))
            {
                property.SetValue(instance, Convert.ChangeType(3, t, System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (t.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is IEnumerable known)
            {
                property.SetValue(instance, known.Cast<object>().Last());
            }
        }

        return instance;
    }

    private static IEnumerable<(Type Owner, string Name, string Marker)> StringProperties(Type type, object instance)
    {
        foreach (var property in type.GetProperties())
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsStringLike(t))
            {
                yield return (type, property.Name, Marker(type, property.Name));
            }
            else if (t.IsClass && t.Assembly == type.Assembly && property.GetValue(instance) is { } nested)
            {
                foreach (var inner in StringProperties(t, nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsStringLike(Type t) => t == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(t);

    private static string Marker(Type type, string property) => $"<{type.Name}.{property}>";
}

/// <summary>A seed phrase split between the fields of one request, or over one author's consecutive chat messages.</summary>
[TestFixture]
public sealed class SplitPhraseScreeningTests
{
    private static readonly string[] Words = "attack race runway announce fiscal life smoke demand extend sound twenty always".Split(' ');

    [Test]
    public void A_phrase_split_between_subject_and_body_blocks_the_request()
    {
        var screened = CustomerText.ScreenAll(new CreateTicketRequest
        {
            Subject = "wallet words " + string.Join(' ', Words[..5]),
            Body = string.Join(' ', Words[5..]) + " please restore",
            Category = TicketCategory.Account,
        });
        Assert.Multiple(() =>
        {
            Assert.That(screened.IsBlocked, Is.True);
            Assert.That(screened.Findings.Select(f => f.Field), Is.EquivalentTo(new[] { "subject", "body" }));
        });
    }

    [Test]
    public void The_message_that_completes_a_phrase_is_blocked_and_the_earlier_ones_come_back_redacted()
    {
        string[] earlier = ["hi, my words are " + string.Join(' ', Words[..4]), string.Join(' ', Words[4..8])];
        var screened = CustomerText.ScreenMessage(string.Join(' ', Words[8..]), earlier);
        Assert.Multiple(() =>
        {
            Assert.That(screened.IsBlocked, Is.True);
            Assert.That(screened.Findings.Single().Kind, Is.EqualTo("mnemonic"));
            Assert.That(screened.EarlierRedacted, Has.Count.EqualTo(2));
            Assert.That(screened.EarlierRedacted[0], Does.StartWith("hi, my words are ").And.Not.Contain("runway"));
            Assert.That(screened.EarlierRedacted[1], Does.Not.Contain("fiscal").And.Not.Contain("demand"));
        });
    }

    [Test]
    public void Unrelated_consecutive_messages_pass_untouched()
    {
        string[] earlier = ["my deposit is late", "it was sent from my wallet two hours ago"];
        var screened = CustomerText.ScreenMessage("can you check it please", earlier);
        Assert.Multiple(() =>
        {
            Assert.That(screened.IsBlocked, Is.False);
            Assert.That(screened.Findings, Is.Empty);
            Assert.That(screened.EarlierRedacted, Is.All.Null);
            Assert.That(screened.EarlierRedacted, Has.Count.EqualTo(2));
        });
    }
}
