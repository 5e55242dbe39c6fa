using HushRyd.Platform.Hosting;

namespace HushRyd.UnitTests.Hosting;

public sealed class InFlightWorkTests
{
    [Fact]
    public async Task Work_that_finishes_at_once_leaves_no_entry_behind()
    {
        var work = new InFlightWork<int>();
        for (var key = 0; key < 1_000; key++)
        {
            var finished = key;
            work.Start(key, () =>
            {
                work.Finished(finished);
                return Task.CompletedTask;
            });
        }

        await work.WhenAllFinished();

        Assert.DoesNotContain(Enumerable.Range(0, 1_000), work.IsRunning);
    }

    [Fact]
    public async Task Running_work_is_known_until_it_finishes_and_a_stop_can_wait_for_it()
    {
        var work = new InFlightWork<string>();
        var release = new TaskCompletionSource();
        work.Start("job", async () =>
        {
            await release.Task;
            work.Finished("job");
        });

        Assert.True(work.IsRunning("job"));
        var drained = work.WhenAllFinished();
        Assert.False(drained.IsCompleted);

        release.SetResult();
        await drained;
        Assert.False(work.IsRunning("job"));
    }
}
