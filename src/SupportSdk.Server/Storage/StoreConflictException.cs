namespace SupportSdk.Server.Storage;

/// <summary>
/// A write the store refused because the data does not allow it (e.g. an attachment already on another message);
/// nothing was written. Workflows map it to an answer; it leaves the store's connections sound.
/// </summary>
internal sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message)
        : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
