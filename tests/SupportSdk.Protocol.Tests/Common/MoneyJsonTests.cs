using System.Globalization;
using System.Text.Json;

namespace SupportSdk.Protocol.Tests.Common;

/// <summary>Amounts are exact on the wire: a decimal written as a JSON string, read from a string or a number, never
/// rounded (<see cref="DecimalStringJsonConverter"/> on <see cref="TransactionInfo.Amount"/>).</summary>
[TestFixture]
public sealed class MoneyJsonTests
{
    private static TransactionInfo Read(string amountJson) =>
        JsonSerializer.Deserialize("""{"asset":"ETH","network":"ETH","txId":"x","direction":"deposit","amount":""" + amountJson + "}",
            SupportJsonContext.Default.TransactionInfo)!;

    private static string Write(decimal amount) =>
        JsonSerializer.Serialize(new TransactionInfo { Asset = "ETH", Network = "ETH", TxId = "x", Amount = amount, Direction = TransactionDirection.Deposit },
            SupportJsonContext.Default.TransactionInfo);

    [TestCase("1234567.000000000000000001")]
    [TestCase("0.000000000000000001")]
    [TestCase("250")]
    [TestCase("1.50")]
    [TestCase("79228162514264337593543950335")]
    [TestCase("-0.1")]
    [TestCase("0")]
    public void An_amount_round_trips_exactly_as_a_string(string amount)
    {
        var read = Read("\"" + amount + "\"");

        Assert.Multiple(() =>
        {
            Assert.That(read.Amount, Is.EqualTo(decimal.Parse(amount, CultureInfo.InvariantCulture)));
            Assert.That(Write(read.Amount), Does.Contain("\"amount\":\"" + amount + "\""), "written back as the same string, scale kept");
        });
    }

    [TestCase("1234567.000000000000000001", "1234567.000000000000000001")]
    [TestCase("250", "250")]
    [TestCase("1.5e2", "150")]
    [TestCase("12E-1", "1.2")]
    public void A_json_number_is_read_exactly_and_written_as_a_string(string number, string written)
    {
        var read = Read(number);

        Assert.That(Write(read.Amount), Does.Contain("\"amount\":\"" + written + "\""));
    }

    [TestCase("\"12abc\"")]
    [TestCase("\"\"")]
    [TestCase("\" 12\"")]
    [TestCase("\"+12\"")]
    [TestCase("\"012\"")]
    [TestCase("\"1,000.5\"")]
    [TestCase("\"1.\"")]
    [TestCase("\".5\"")]
    [TestCase("\"NaN\"")]
    [TestCase("\"Infinity\"")]
    [TestCase("\"0x10\"")]
    [TestCase("\"1e\"")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("[1]")]
    public void Anything_but_a_decimal_number_is_refused(string amountJson)
    {
        Assert.Throws(Is.InstanceOf<JsonException>(), () => Read(amountJson));
    }

    [TestCase("\"0.12345678901234567890123456789\"")] // 29 significant digits: decimal would round the last
    [TestCase("0.12345678901234567890123456789")]
    [TestCase("\"79228162514264337593543950336\"")] // decimal.MaxValue + 1
    [TestCase("1e29")]
    [TestCase("\"1e-29\"")] // below decimal's smallest step: would read as 0
    [TestCase("\"1234567890123456789012345678901234567890123456789012345678901234567\"")] // longer than any amount
    public void An_amount_a_decimal_cannot_hold_exactly_is_refused_not_rounded(string amountJson)
    {
        var error = Assert.Throws(Is.InstanceOf<JsonException>(), () => Read(amountJson));
        Assert.That(error!.Message, Does.Contain("amount").IgnoreCase, "a message that says what was wrong");
    }

    [Test]
    public void An_escaped_string_is_read_like_the_plain_one()
    {
        Assert.That(Read("\"\\u0031.5\"").Amount, Is.EqualTo(1.5m));
    }
}
