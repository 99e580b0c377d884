using System.Buffers;
using System.Net;

namespace SupportSdk.Http;

/// <summary>
/// A response body read to the end into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, returned when the
/// response is disposed. The SDK reads every body inside its attempt (a cut mid-body is retried) and then parses JSON
/// straight from <see cref="Span"/>: one pooled copy instead of <see cref="HttpContent.LoadIntoBufferAsync()"/>'s growing
/// memory stream plus a stream reader. Every response the handler returns carries one (an empty body too). Never read
/// it after disposing the response.
/// </summary>
internal sealed class BufferedBody : HttpContent
{
    private const int FirstRead = 4096;

    /// <summary>The largest body the SDK reads (the server's attachments are far smaller); a larger one fails the call
    /// with <see cref="HttpRequestError.ConfigurationLimitExceeded"/>, which is not retried.</summary>
    internal const int MaxLength = 64 * 1024 * 1024;
    private byte[]? _buffer;
    private readonly int _length;

    private BufferedBody(byte[] buffer, int length, HttpContent source)
    {
        _buffer = buffer;
        _length = length;
        foreach (var header in source.Headers.NonValidated)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (header.Value.Count == 1)
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
                }
                else
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }
    }

    /// <summary>The body's bytes; valid until the response is disposed.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(BufferedBody))).AsSpan(0, _length);

    /// <summary>Reads <paramref name="response"/>'s body to the end and puts it back as a <see cref="BufferedBody"/>.</summary>
    public static async ValueTask<HttpResponseMessage> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var source = response.Content;
        var declared = source.Headers.ContentLength;
        if (declared == 0)
        {
            response.Content = new BufferedBody([], 0, source); // every response the SDK returns carries a BufferedBody
            source.Dispose();
            return response;
        }

        if (declared > MaxLength)
        {
            throw TooLarge();
        }

        // One byte more than declared, so that a body of exactly the declared length never needs a larger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } size ? (int)size + 1 : FirstRead);
        var length = 0;
        try
        {
            var stream = await source.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > MaxLength)
                    {
                        throw TooLarge();
                    }

                    if (length == buffer.Length)
                    {

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        response.Content = new BufferedBody(buffer, length, source);
        source.Dispose();
        return response;
    }

    private static HttpRequestException TooLarge() =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"The response body is larger than {MaxLength / (1024 * 1024)} MB; the SDK does not read it.");

    /// <summary>A copy of the body, for a caller that keeps it.</summary>
    public byte[] ToArray() => Span.ToArray();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length)).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(CancellationToken.None));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(BufferedBody)), 0, _length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { Length: > 0 } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
