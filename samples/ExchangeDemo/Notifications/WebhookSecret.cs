using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SupportSdk.AspNetCore;

namespace ExchangeDemo.Notifications;

/// <summary>
/// The signing secret <c>/hooks/support</c> verifies with, fed to <see cref="SupportWebhookOptions"/> (which the
/// receiver reads on every request, so a new secret applies at once). After the first start it is the secret kept in
/// the data folder. On the first start the demo learns it only by registering its endpoint, which needs the site's
/// address and so comes after the site is listening, while the receiver's options are checked before: until then it
/// holds a random key that nobody has, so every request is refused, as it should be while no endpoint exists.
/// </summary>
public sealed class WebhookSecret(string? stored) : IOptionsChangeTokenSource<SupportWebhookOptions>
{
    private volatile string _current = stored ?? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private ConfigurationReloadToken _changed = new();

    /// <summary>Gets the secret requests must be signed with.</summary>
    public string Current => _current;

    string IOptionsChangeTokenSource<SupportWebhookOptions>.Name => Options.DefaultName;

    /// <summary>Switches to the secret support gave the registered endpoint.</summary>
    public void Set(string secret)
    {
        _current = secret;
        Interlocked.Exchange(ref _changed, new ConfigurationReloadToken()).OnReload();
    }

    IChangeToken IOptionsChangeTokenSource<SupportWebhookOptions>.GetChangeToken() => Volatile.Read(ref _changed);
}
