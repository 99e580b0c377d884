namespace SupportSdk;

/// <summary>A user's report of an impersonator: a fake site, address, number or account they met.</summary>
public sealed class ChannelReportRequest
{
    /// <summary>Gets what the impersonator used: a URL, e-mail address, phone number or handle (1–500 characters).</summary>
    /// <value>The input.</value>
    public string Input { get; init; } = string.Empty;

    /// <summary>Gets where the user met it, e.g. <c>telegram</c>, <c>sms</c>, <c>search ad</c> (at most 100 characters).</summary>
    /// <value>The place, or <see langword="null"/>.</value>
    public string? Where { get; init; }

    /// <summary>Gets what happened (at most 2,000 characters).</summary>
    /// <value>The note, or <see langword="null"/>.</value>
    public string? Note { get; init; }
}

/// <summary>A stored impersonation report with the server's verdict on the input.</summary>
public sealed class ChannelReport
{
    /// <summary>Gets the report id.</summary>
    /// <value>An opaque id starting with <c>rpt_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets what was reported.</summary>
    /// <value>The input.</value>
    public string Input { get; init; } = string.Empty;

    /// <summary>Gets the verdict against the official channels: <c>official</c>, <c>lookalike</c> or <c>unknown</c>.</summary>
    /// <value>The verdict.</value>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Gets what kind of channel the input is: <c>web</c>, <c>email</c>, <c>phone</c> or <c>handle</c>.</summary>
    /// <value>The kind.</value>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets the official channel the input imitates.</summary>
    /// <value>The channel, or <see langword="null"/>.</value>
    public string? Matched { get; init; }

    /// <summary>Gets why it is a lookalike, e.g. <c>homoglyph</c>, <c>punycode</c>, <c>brand_in_domain</c>.</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? Reason { get; init; }

    /// <summary>Gets where the user met it.</summary>
    /// <value>The place, or <see langword="null"/>.</value>
    public string? Where { get; init; }

    /// <summary>Gets the user's note.</summary>
    /// <value>The note, or <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>Gets the reporting user's id (shown to agents only).</summary>
    /// <value>The user id, or <see langword="null"/> in a user's own view.</value>
    public string? ReporterId { get; init; }

    /// <summary>Gets when it was reported.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset CreatedAt { get; init; }
}
