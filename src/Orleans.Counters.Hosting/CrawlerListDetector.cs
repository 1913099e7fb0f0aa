using Microsoft.Extensions.Options;
using Orleans.Counters.Bots;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.Hosting;

/// <summary>
/// Tells bots with the crawler list of <see cref="CounterOptions.CrawlerList"/>, read at start and
/// looked at again every <see cref="RefreshInterval"/>: the list is updated by editing the file, with
/// no new build and no restart. A change that does not read is logged and the list in use is kept.
/// </summary>
public sealed partial class CrawlerListDetector : IBotDetector, IDisposable
{
    /// <summary>How often the file is checked for changes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly CrawlerListFile _file;
    private readonly ILogger<CrawlerListDetector> _logger;
    private readonly Timer _refresh;

    /// <summary>Reads the list; fails when the file is missing or has a bad pattern.</summary>
    public CrawlerListDetector(IOptions<CounterOptions> options, ILogger<CrawlerListDetector> logger)
    {
        _file = new CrawlerListFile(Path.GetFullPath(options.Value.CrawlerList, AppContext.BaseDirectory));
        _logger = logger;
        LogLoaded(_file.Path, _file.Current.PatternCount);
        _refresh = new Timer(_ => Refresh(), null, RefreshInterval, RefreshInterval);
    }

    /// <inheritdoc />
    public bool IsBot(string userAgent) => _file.Current.IsBot(userAgent);

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    private void Refresh()
    {
        try
        {
            if (_file.Refresh())
            {
                LogLoaded(_file.Path, _file.Current.PatternCount);
            }
        }
        catch (Exception exception) when (exception is IOException or FormatException or UnauthorizedAccessException)
        {
            LogRefreshFailed(exception, _file.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawler list {Path}: {Patterns} patterns")]
    private partial void LogLoaded(string path, int patterns);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The crawler list {Path} changed but does not read; the list in use is kept")]
    private partial void LogRefreshFailed(Exception exception, string path);
}
