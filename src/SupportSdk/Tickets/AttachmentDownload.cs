namespace SupportSdk;

/// <summary>A downloaded attachment.</summary>
public sealed class AttachmentDownload
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="fileName">The file name.</param>
    public AttachmentDownload(ReadOnlyMemory<byte> content, string contentType, string? fileName)
    {
        Content = content;
        ContentType = contentType;
        FileName = fileName;
    }

    /// <summary>Gets the bytes.</summary>
    /// <value>The content.</value>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Gets the content type the server detected.</summary>
    /// <value>The content type.</value>
    public string ContentType { get; }

    /// <summary>Gets the file name.</summary>
    /// <value>The file name, or <see langword="null"/>.</value>
    public string? FileName { get; }
}
