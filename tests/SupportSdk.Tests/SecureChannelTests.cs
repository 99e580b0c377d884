using System.Net;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>S1: the transport rules refuse bad endpoints and requests before any byte is sent.</summary>
[TestFixture]
public sealed class SecureChannelTests
{
    [TestCase("http://support.example-exchange.com/", SecureChannelFailure.InsecureScheme)]
    [TestCase("ftp://support.example-exchange.com/", SecureChannelFailure.InsecureScheme)]
    [TestCase("https://support.example-exchange.com@evil.tld/", SecureChannelFailure.UserInfoInUrl)]
    [TestCase("https://user:pass@support.example-exchange.com/", SecureChannelFailure.UserInfoInUrl)]
    [TestCase("http://127.0.0.1:5080/", SecureChannelFailure.InsecureScheme)]
    public void Bad_endpoints_are_refused_at_construction(string endpoint, SecureChannelFailure failure)
    {
        var error = Assert.Throws<SecureChannelException>(() => new SupportClient(new Uri(endpoint), new ApiKeyCredential(ApiKey)));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Failure, Is.EqualTo(failure));
            Assert.That(error.Message, Does.Not.Contain(ApiKey));
        });
    }

    [TestCase("https://support.example-exchange.com.evil.tld/")]
    [TestCase("https://support-example-exchange.com/")]
    [TestCase("https://xn--suport-example-exchange-xyz.com/")]
    public void Hosts_outside_the_allowlist_are_refused(string endpoint)
    {
        var options = new SupportClientOptions();
        options.AllowedHosts.Add("support.example-exchange.com");
        var error = Assert.Throws<SecureChannelException>(() => new SupportClient(new Uri(endpoint), new ApiKeyCredential(ApiKey), options));
        Assert.That(error!.Failure, Is.EqualTo(SecureChannelFailure.HostNotAllowed));
    }

    [TestCase("http://127.0.0.1:5080/")]
    [TestCase("http://[::1]:5080/")]
    [TestCase("http://localhost:5080/")]
    public void Plain_http_is_allowed_only_to_loopback_and_only_when_asked(string endpoint)
    {
        using var client = new SupportClient(new Uri(endpoint), new ApiKeyCredential(ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
        Assert.That(client.Endpoint, Is.EqualTo(new Uri(endpoint)));
        Assert.Throws<SecureChannelException>(() => new SupportClient(new Uri("http://10.0.0.5/"), new ApiKeyCredential(ApiKey), new SupportClientOptions { AllowInsecureLoopback = true }));
    }

    [Test]
    public async Task A_redirect_to_another_host_is_refused_and_not_followed()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.Found, "", r => r.Headers.Location = new Uri("https://evil.tld/v1/tickets"));
        using var client = Create(handler, time);

        var error = Assert.ThrowsAsync<SecureChannelException>(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failure, Is.EqualTo(SecureChannelFailure.RedirectToAnotherHost));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "the redirect is never followed");
        });
    }

    [Test]
    public async Task The_credential_goes_only_to_the_endpoint_and_never_into_messages()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.Unauthorized);
        using var client = Create(handler, time);
        var error = Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));
        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
            Assert.That(error!.ToString(), Does.Not.Contain(ApiKey));
            Assert.That(new ApiKeyCredential(ApiKey).ToString(), Does.Not.Contain(ApiKey));
        });
    }
}
