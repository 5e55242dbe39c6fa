using System.IO.Pipelines;

namespace HushRyd.Platform.Connections;

/// <summary>The transport's writer as HTTP sees it: the transport's own until it is taken, then a sink whose reader has gone.</summary>
internal sealed class HandoverPipeWriter(PipeWriter transport, TransportHandover handover) : PipeWriter
{
    private static readonly FlushResult ReaderGone = new(isCanceled: false, isCompleted: true);

    private byte[]? _sink;

    public override bool CanGetUnflushedBytes => transport.CanGetUnflushedBytes;

    public override long UnflushedBytes => handover.IsTakenOver ? 0 : transport.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => handover.IsTakenOver ? Sink(sizeHint) : transport.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => handover.IsTakenOver ? Sink(sizeHint) : transport.GetSpan(sizeHint);

    public override void Advance(int bytes)
    {
        if (!handover.IsTakenOver)
        {
            transport.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        handover.IsTakenOver ? new ValueTask<FlushResult>(ReaderGone) : transport.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        handover.IsTakenOver ? new ValueTask<FlushResult>(ReaderGone) : transport.WriteAsync(source, cancellationToken);

    public override void CancelPendingFlush()
    {
        if (!handover.IsTakenOver)
        {
            transport.CancelPendingFlush();
        }
    }

    public override void Complete(Exception? exception = null)
    {
        if (!handover.IsTakenOver)
        {
            transport.Complete(exception);
        }
    }

    private byte[] Sink(int sizeHint)
    {
        if (_sink is null || _sink.Length < sizeHint)
        {
            _sink = new byte[Math.Max(sizeHint, 512)];
        }

        return _sink;
    }
}
