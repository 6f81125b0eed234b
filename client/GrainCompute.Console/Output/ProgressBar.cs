using System.Diagnostics;
using GrainCompute.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GrainCompute.Console.Output;

/// <summary>
/// A job's progress as a Spectre.Console bar on a terminal: "job-… 3/12 chunks ━━━━━━━━╸─── 41% 12.3k items/s ETA 0:07",
/// redrawn as each status arrives and cleared at the end. The only type that touches Spectre.Console, so a command
/// whose output is not a terminal, or whose job ends within the first wait, never loads it.
/// </summary>
internal static class ProgressBar
{
    /// <summary>
    /// Runs <paramref name="follow"/> with the bar on <paramref name="error"/>; it reports each status it gets (from
    /// any thread, one at a time) through the callback it is given. <paramref name="rate"/> may hold samples from
    /// before the bar (the submit), on <paramref name="clock"/>'s time.
    /// </summary>
    public static Task<T> ShowAsync<T>(TextWriter error, bool color, ProgressRate rate, Stopwatch clock, JobStatus first, Func<Action<JobStatus>, Task<T>> follow)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(error),
        });

        // A terminal that reports no size (a pseudo-terminal nobody sized, some CI runners) reads as 0×0; the bar
        // needs two lines and room for its columns.
        if (console.Profile.Height < 2 || console.Profile.Width < 40)
        {
            console.Profile.Height = Math.Max(console.Profile.Height, 24);
            console.Profile.Width = console.Profile.Width < 40 ? 80 : console.Profile.Width;
        }

        var rateColumn = new RateColumn();
        return console.Progress()
            .AutoClear(true)
            .AutoRefresh(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), rateColumn)
            .StartAsync(async context =>
            {
                var task = context.AddTask(first.Id, maxValue: Math.Max(1, first.Items));
                void Report(JobStatus status)
                {
                    rate.Add(clock.Elapsed, status.ItemsDone);
                    task.MaxValue = Math.Max(1, status.Items);
                    task.Value = status.ItemsDone;
                    task.Description = Markup.Escape($"{status.Id} {status.ChunksDone}/{status.Chunks} chunks" + (status.ChunksFailed > 0 ? $", {status.ChunksFailed} failed" : ""));
                    rateColumn.Text = Formats.RateAndRemaining(rate.ItemsPerSecond, rate.Remaining(status.Items));
                    context.Refresh();
                }

                Report(first);
                return await follow(Report).ConfigureAwait(false);
            });
    }

    /// <summary>"12.3k items/s ETA 0:07": set by the follower, read by the renderer (on another thread with auto-refresh).</summary>
    private sealed class RateColumn : ProgressColumn
    {
        private string _text = "";

        public string Text
        {
            get => Volatile.Read(ref _text);
            set => Volatile.Write(ref _text, value);
        }

        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(Text);
    }
}
