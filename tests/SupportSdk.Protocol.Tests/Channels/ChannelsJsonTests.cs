using System.Text.Json;
using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class ChannelsJsonTests
{
    [Test]
    public void Wire_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Enum.GetValues<ChannelVerdict>().Select(v => v.ToWireName()), Is.EqualTo(new[] { "official", "lookalike", "unknown" }));
            Assert.That(Enum.GetValues<ChannelKind>().Select(v => v.ToWireName()), Is.EqualTo(new[] { "web", "email", "phone", "handle" }));
            Assert.That(ChannelWireNames.TryParseVerdict("Lookalike", out var v) && v == ChannelVerdict.Lookalike, Is.True);
            Assert.That(ChannelWireNames.TryParseVerdict("nope", out _), Is.False);
        });
    }

    [Test]
    public void Verification_serializes_camel_case_with_wire_enums()
    {
        var result = DemoChannels.Verifier().Verify("https://examp1e-exchange.com");
        var json = JsonSerializer.Serialize(result, ChannelsJsonContext.Default.ChannelVerification);
        Assert.That(json, Is.EqualTo("{\"input\":\"https://examp1e-exchange.com\",\"verdict\":\"lookalike\",\"kind\":\"web\",\"matched\":\"example-exchange.com\",\"reason\":\"homoglyph\"}"));
        var back = JsonSerializer.Deserialize(json, ChannelsJsonContext.Default.ChannelVerification)!;
        Assert.That(back.Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
    }

    [Test]
    public void Default_instances_round_trip_through_the_context()
    {
        Assert.That(JsonSerializer.IsReflectionEnabledByDefault, Is.False);
        object[] models = [new OfficialChannelManifest(), new SignedChannelManifest(), new SocialHandle(), new ChannelVerification()];
        foreach (var model in models)
        {
            var info = ChannelsJsonContext.Default.GetTypeInfo(model.GetType())!;
            var json = JsonSerializer.Serialize(model, info);
            Assert.That(JsonSerializer.Serialize(JsonSerializer.Deserialize(json, info), info), Is.EqualTo(json), model.GetType().Name);
        }
    }
}
