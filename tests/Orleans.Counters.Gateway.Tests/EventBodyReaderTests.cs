using Microsoft.AspNetCore.Http;
using Orleans.Counters.Gateway.Ingestion;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>The ingestion body's buffer grows as bytes arrive: an announced length reserves nothing.</summary>
public sealed class EventBodyReaderTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task ABodyAnnouncingAMebibyte_CostsLittleMemoryUntilItsBytesArrive()
    {
        var limits = new IngestLimits { MaxBodyBytes = MiB };
        var sent = Encoding.UTF8.GetBytes("""{"account":"acme","type":"pageview"}""");
        var request = Request(new TrickleStream(sent, chunk: 8), contentLength: MiB);
        await EventBodyReader.ReadAsync(Request(new TrickleStream(sent, 8), MiB), limits, CancellationToken.None);

        // The stream completes every read synchronously, so the whole read runs on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (body, problem) = await EventBodyReader.ReadAsync(request, limits, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(problem);
        Assert.Equal(sent, body!.Bytes.ToArray());
        Assert.True(allocated < 64 * 1024, $"reading {sent.Length} bytes of an announced {MiB} allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(300_000L)]
    public async Task ABodyArrivingInSmallPieces_IsReadWhole(long? contentLength)
    {
        var sent = new byte[300_000];
        new Random(7).NextBytes(sent);

        var (buffer, length) = await EventBodyReader.ReadWithinAsync(new TrickleStream(sent, chunk: 1000), contentLength, MiB, CancellationToken.None);

        Assert.Equal(sent, buffer.AsSpan(0, length).ToArray());
        Assert.True(buffer.Length <= 2 * sent.Length, $"a {sent.Length}-byte body grew a {buffer.Length}-byte buffer");
    }

    [Fact]
    public async Task ABodyOfExactlyTheAnnouncedLength_IsReadWithoutGrowingPastIt()
    {
        var sent = new byte[100_000];

        var (buffer, length) = await EventBodyReader.ReadWithinAsync(new TrickleStream(sent, chunk: 4096), sent.Length, MiB, CancellationToken.None);

        Assert.Equal(sent.Length, length);
        Assert.Equal(sent.Length + 1, buffer.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1000L)]
    public async Task ABodyOverTheLimit_StopsOneByteOverIt(long? contentLength)
    {
        var (buffer, length) = await EventBodyReader.ReadWithinAsync(new TrickleStream(new byte[200_000], chunk: 5000), contentLength, 100_000, CancellationToken.None);

        Assert.Equal(100_001, length);
        Assert.Equal(100_001, buffer.Length);
    }

    private static HttpRequest Request(Stream body, long contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        context.Request.ContentType = "application/json";
        return context.Request;
    }

    /// <summary>A body that hands out at most <c>chunk</c> bytes a read, as a slow client's bytes arrive.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var length = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
            bytes.AsSpan(_position, length).CopyTo(buffer);
            _position += length;
            return length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
