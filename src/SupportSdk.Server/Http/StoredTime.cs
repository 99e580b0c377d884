namespace SupportSdk.Server.Http;

/// <summary>Timestamps as they are stored: whole milliseconds, so a response and a later read agree exactly.</summary>
internal static class StoredTime
{
    public static DateTimeOffset StoredNow(this TimeProvider time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
}
