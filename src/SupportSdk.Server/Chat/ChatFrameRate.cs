namespace SupportSdk.Server.Chat;

/// <summary>A token bucket for the frames one WebSocket client sends (not thread-safe: one reader per connection).</summary>
internal sealed class ChatFrameRate(int perSecond, int burst, TimeProvider time)
{
    private readonly double _perSecond = Math.Max(1, perSecond);
    private readonly double _capacity = Math.Max(1, burst);
    private double _tokens = Math.Max(1, burst);
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
