namespace SupportSdk.Server;

/// <summary>Tickets by e-mail: the built-in SMTP listener and the addresses support mail uses.</summary>
public sealed class EmailOptions
{
    /// <summary>Gets or sets where the built-in SMTP listener accepts mail from the exchange's mail server, as
    /// <c>host:port</c> (e.g. <c>127.0.0.1:2525</c>).</summary>
    /// <value>Default <see langword="null"/>: no listener (mail can still arrive by <c>POST /v1/email/inbound</c>).</value>
    public string? Listen { get; set; }

    /// <summary>Gets or sets the mail domain of support's own addresses: replies go to <c>support+{ticket id}@</c> it,
    /// and support's Message-Ids end in it, so a reply finds its ticket and support's own mail is never taken in again.</summary>
    /// <value>Default <c>support.invalid</c>.</value>
    public string Domain { get; set; } = "support.invalid";

    /// <summary>Gets or sets the authserv-id of the exchange's own receiving mail server: only the
    /// <c>Authentication-Results</c> headers it wrote are believed (any other is the sender's word). A mail is
    /// authenticated when they say <c>dmarc=pass</c> for its From domain, or <c>dkim=pass</c> by an aligned domain; only
    /// an authenticated mail is matched to the exchange's user (<see cref="IEmailDirectory"/>) and is not a spoof of the
    /// exchange's own domains.</summary>
    /// <value>Default <see langword="null"/>: no mail is authenticated, every sender is unverified.</value>
    public string? TrustedAuthServId { get; set; }

    /// <summary>Gets or sets the largest mail taken in, in bytes (SMTP <c>SIZE</c>; larger mail is refused whole).</summary>
    /// <value>Default 10 MiB.</value>
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Gets where support's own mail is sent (agent replies and status changes to customers who want mail).</summary>
    /// <value>The outbound settings; no mail is sent while <see cref="EmailSmtpOptions.Host"/> is empty.</value>
    public EmailSmtpOptions Smtp { get; } = new();
}

/// <summary>The mail server support's mail goes out through (MailKit), and the DKIM key that signs it.</summary>
public sealed class EmailSmtpOptions
{
    /// <summary>Gets or sets the SMTP server's host name or address.</summary>
    /// <value>Default <see langword="null"/>: no outbound mail.</value>
    public string? Host { get; set; }

    /// <summary>Gets or sets the SMTP port.</summary>
    /// <value>Default 25.</value>
    public int Port { get; set; } = 25;

    /// <summary>Gets or sets whether to require TLS (STARTTLS, or implicit TLS on port 465).</summary>
    /// <value>Default <see langword="false"/>: STARTTLS when the server offers it.</value>
    public bool RequireTls { get; set; }

    /// <summary>Gets or sets the user name to authenticate with, if the server asks.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password for <see cref="UserName"/>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender address.</summary>
    /// <value>Default <see langword="null"/>: <c>support@</c> the e-mail domain.</value>
    public string? From { get; set; }

    /// <summary>Gets or sets the sender's display name.</summary>
    /// <value>Default <c>Support</c>.</value>
    public string FromName { get; set; } = "Support";

    /// <summary>Gets or sets the PEM file of the RSA key that DKIM-signs every mail.</summary>
    /// <value>Default <see langword="null"/>: mail is not signed.</value>
    public string? DkimKeyPath { get; set; }

    /// <summary>Gets or sets the DKIM selector (the DNS record <c>{selector}._domainkey.{domain}</c> holds the public key).</summary>
    /// <value>Default <c>support</c>.</value>
    public string DkimSelector { get; set; } = "support";
}
