using System.Net;
using System.Text;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>
/// The SDK reads every response body to the end inside its attempt, into a pooled buffer, and parses from there: bodies
/// of unknown length larger than the first buffer, and a body cut in the middle (retried like a transport error).
/// </summary>
[TestFixture]
public sealed class ResponseBodyTests
{
    private static string TicketWithSubject(string subject) => TicketJson.Replace("\"subject\":\"s\"", "\"subject\":\"" + subject + "\"", StringComparison.Ordinal);

    [TestCase(100)]
    [TestCase(4095)]
    [TestCase(4096)]
    [TestCase(40_000)]
    public async Task A_body_of_unknown_length_arriving_in_small_pieces_is_read_whole(int subjectLength)
    {
        var subject = new string('x', subjectLength);
        var json = Encoding.UTF8.GetBytes(TicketWithSubject(subject));
        var handler = new ScriptedHandler().Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new PieceStream(json, pieceSize: 1000, failAfter: null)),
        }));
        using var client = Create(handler, new RecordingTimeProvider());

        var ticket = await client.Tickets.GetTicketAsync("tkt_01");

        Assert.That(ticket.Subject, Is.EqualTo(subject));
    }

    [Test]
    public async Task A_body_cut_in_the_middle_is_a_failed_attempt_and_the_retry_answers()
    {
        var json = Encoding.UTF8.GetBytes(TicketWithSubject(new string('y', 10_000)));
        var handler = new ScriptedHandler()
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new PieceStream(json, 1000, failAfter: 3000)) }))
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new PieceStream(json, 1000, failAfter: null)) }));
        var time = new RecordingTimeProvider();
        using var client = Create(handler, time);

        var ticket = await time.RunAsync(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.Multiple(() =>
        {
            Assert.That(ticket.Subject, Has.Length.EqualTo(10_000));
            Assert.That(handler.Requests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_body_larger_than_the_sdk_reads_fails_once_with_a_clear_error()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new PieceStream(new byte[Http.BufferedBody.MaxLength + 1], pieceSize: 1 << 20, failAfter: null)),
        }));
        using var client = Create(handler, new RecordingTimeProvider());

        var error = Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.GetTicketAsync("tkt_01"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(SupportApiException.InvalidResponseErrorCode));
            Assert.That(error.Message, Does.Contain("larger than the SDK reads"));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "not retried");
        });
    }

    /// <summary>A non-seekable body (so no Content-Length) that arrives in pieces and can break after some bytes.</summary>
    private sealed class PieceStream(byte[] data, int pieceSize, int? failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (failAfter is { } limit && _position >= limit)
            {
                throw new IOException("The connection was reset in the middle of the body.");
            }

            var n = Math.Min(Math.Min(pieceSize, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
