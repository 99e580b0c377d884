namespace SupportSdk.Server.Agents;

/// <summary>Asks automatic assignment for a pass soon: work arrived (a ticket opened or escalated, a chat queued) or
/// room appeared (an agent came online, a ticket was finished). Many calls before the pass starts make one pass.</summary>
internal sealed class AssignmentSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it at the same moment.
            }
        }
    }

    /// <summary>Waits for a wake or <paramref name="timeout"/> (real time: how often to look is about the machine).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
