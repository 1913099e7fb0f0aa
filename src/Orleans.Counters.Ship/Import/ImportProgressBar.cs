using Spectre.Console;

namespace Orleans.Counters.Ship.Import;

/// <summary>
/// Spectre.Console's progress bar over the file's bytes, on standard error so that standard output keeps
/// the summary alone. Drawn only on a terminal: in a pipe or a log it would be noise. Log lines go through
/// the same console while it is drawn, so they print above the bar instead of through it.
/// </summary>
public static class ImportProgressBar
{
    /// <summary>
    /// Runs <paramref name="import"/> under a progress bar when <paramref name="show"/> and standard error is a
    /// terminal, giving it where to report progress (null without a bar) and where to log.
    /// </summary>
    public static async Task<ImportResult> RunAsync(string file, bool show, Func<IProgress<long>?, Action<string>, Task<ImportResult>> import)
    {
        if (!show || Console.IsErrorRedirected)
        {
            return await import(null, Console.Error.WriteLine);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var length = Math.Max(1, new FileInfo(file).Length);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: length);
                var result = await import(new Progress<long>(bytes => task.Value = bytes), line => console.WriteLine(line, Style.Plain));
                task.Value = length;
                return result;
            });
    }
}
