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

    /// <summary>Gets or sets the largest mail taken in, in bytes (SMTP <c>SIZE</c>; larger mail is refused whole).</summary>
    /// <value>Default 10 MiB.</value>
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;
}
