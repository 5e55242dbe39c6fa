using System.Buffers;
using System.IO.Pipelines;

namespace HushRyd.Platform.Connections;

/// <summary>The transport's reader as HTTP sees it: the transport's own until it is taken, then a stream that has ended.</summary>
internal sealed class HandoverPipeReader(PipeReader transport, TransportHandover handover) : PipeReader
{
    private static readonly ReadResult Ended = new(ReadOnlySequence<byte>.Empty, isCanceled: false, isCompleted: true);

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        handover.IsTakenOver ? new ValueTask<ReadResult>(Ended) : transport.ReadAsync(cancellationToken);

    public override bool TryRead(out ReadResult result)
    {
        if (handover.IsTakenOver)
        {
            result = Ended;
            return true;
        }

        return transport.TryRead(out result);
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        if (!handover.IsTakenOver)
        {
            transport.AdvanceTo(consumed);
        }
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (!handover.IsTakenOver)
        {
            transport.AdvanceTo(consumed, examined);
        }
    }

    public override void CancelPendingRead()
    {
        if (!handover.IsTakenOver)
        {
            transport.CancelPendingRead();
        }
    }

    public override void Complete(Exception? exception = null)
    {
        if (!handover.IsTakenOver)
        {
            transport.Complete(exception);
        }
    }
}
