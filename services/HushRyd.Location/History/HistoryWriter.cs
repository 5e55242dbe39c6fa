using System.Diagnostics;
using System.Threading.Channels;
using HushRyd.Location.Positions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Location.History;

/// <summary>
/// Moves accepted updates into history in the background, many rows per transaction, so the request path never waits
/// for the record store. A failing store is retried with the batch kept; when the queue is full, writers wait rather
/// than drop history. What is queued when the process dies uncleanly is lost (at most a batch interval's worth).
/// </summary>
public sealed partial class HistoryWriter : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<(PositionUpdate Update, long AcceptedAt)> _queue;
    private readonly ILocationHistory _history;
    private readonly LocationMetrics _metrics;
    private readonly ILogger<HistoryWriter> _logger;
    private readonly int _batchSize;

    public HistoryWriter(ILocationHistory history, LocationMetrics metrics, IOptions<LocationOptions> options, ILogger<HistoryWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _history = history;
        _metrics = metrics;
        _logger = logger;
        _batchSize = options.Value.HistoryBatchSize;
        _queue = Channel.CreateBounded<(PositionUpdate, long)>(
            new BoundedChannelOptions(options.Value.HistoryQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        metrics.Meter.CreateObservableGauge("hushryd.location.history.queued", () => _queue.Reader.Count, description: "Accepted updates not yet in history");
    }

    public ValueTask EnqueueAsync(PositionUpdate update, CancellationToken cancellationToken)
    {
        var item = (update, Stopwatch.GetTimestamp());
        return _queue.Writer.TryWrite(item) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(item, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PositionUpdate>(_batchSize);
        long oldest = 0;
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var item))
            {
                oldest = batch.Count == 0 ? item.AcceptedAt : oldest;
                batch.Add(item.Update);
            }

            await CommitAsync(batch, stoppingToken);
            _metrics.HistoryCommitted(Stopwatch.GetElapsedTime(oldest).TotalMilliseconds);
        }
    }

    /// <summary>Stops taking updates and writes out everything already accepted.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task CommitAsync(List<PositionUpdate> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await _history.AppendAsync(batch, CancellationToken.None);
                return;
            }
#pragma warning disable CA1031 // Whatever the store throws, the batch is kept and retried: history must not be dropped.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogAppendFailed(_logger, batch.Count, delay, ex);
                if (stoppingToken.IsCancellationRequested && _queue.Reader.Completion.IsCompleted)
                {
                    return;
                }

                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} positions to history failed; retrying in {Delay}")]
    private static partial void LogAppendFailed(ILogger logger, int count, TimeSpan delay, Exception exception);
}
