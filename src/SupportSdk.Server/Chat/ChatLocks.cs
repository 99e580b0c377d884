namespace SupportSdk.Server.Chat;

/// <summary>
/// Serialises the writes of one chat inside this process (striped, so memory stays fixed): an event is stored and
/// published under the lock, so subscribers see durable events in seq order and the bot reacts to one message at a
/// time. Not re-entrant.
/// </summary>
internal sealed class ChatLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<Releaser> EnterAsync(string chatId, CancellationToken cancellationToken = default)
    {
        var stripe = _stripes[(StringComparer.Ordinal.GetHashCode(chatId) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
