namespace SupportSdk.Server.Chat;

/// <summary>A token bucket for the frames one caller sends over all their chat WebSockets (thread-safe).</summary>
internal sealed class ChatFrameRate(int perSecond, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _perSecond = Math.Max(1, perSecond);
    private readonly double _capacity = Math.Max(1, burst);
    private double _tokens = Math.Max(1, burst);
    private long _last = time.GetTimestamp();

    /// <summary>Takes a token; when there is none, says how long until there is one.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
            _last = now;
            if (_tokens < 1)
            {
                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
                return false;
            }

            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
