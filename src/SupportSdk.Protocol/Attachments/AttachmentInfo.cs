namespace SupportSdk;

/// <summary>An uploaded file.</summary>
public sealed class AttachmentInfo
{
    /// <summary>Gets the attachment id.</summary>
    /// <value>An opaque id starting with <c>att_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the file name the uploader gave (sanitised).</summary>
    /// <value>The file name.</value>
    public string FileName { get; init; } = string.Empty;

    /// <summary>Gets the content type the server detected from the file's bytes.</summary>
    /// <value><c>image/png</c>, <c>image/jpeg</c>, <c>application/pdf</c> or <c>text/plain</c>.</value>
    public string ContentType { get; init; } = string.Empty;

    /// <summary>Gets the size in bytes.</summary>
    /// <value>The size.</value>
    public long Size { get; init; }

    /// <summary>Gets when it was uploaded.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset CreatedAt { get; init; }
}
