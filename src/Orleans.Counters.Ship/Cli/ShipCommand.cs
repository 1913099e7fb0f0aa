using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Counters.Series;
using Orleans.Counters.Ship.Shipping;
using static Orleans.Counters.Ship.Cli.ParseChecks;

namespace Orleans.Counters.Ship.Cli;

/// <summary>The command line: its options, their checks, and the <see cref="ShipOptions"/> they make.</summary>
public static class ShipCommand
{
    /// <summary>The environment variable read for the salt when <c>--salt</c> is not given.</summary>
    public const string SaltVariable = "COUNTERS_SHIP_SALT";

    /// <summary>The environment variable read for the key when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "COUNTERS_SHIP_KEY";

    private static readonly Option<Uri> Gateway = new("--gateway")
    {
        Description = "The gateway's address, such as http://127.0.0.1:5080; events go to its POST /api/events.",
        Required = true,
        CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : Fail<Uri>(result, "--gateway must be an absolute http(s) URL")!,
    };

    private static readonly Option<string> Account = new("--account")
    {
        Description = "The account the events are counted for.",
        Required = true,
    };

    private static readonly Option<string> Type = new("--type")
    {
        Description = "The event type.",
        DefaultValueFactory = _ => ShipOptions.DefaultType,
    };

    private static readonly Option<string?> File = new("--file")
    {
        Description = "Follow this log file (surviving rotation and truncation) instead of reading standard input.",
    };

    private static readonly Option<string?> PositionFile = new("--position-file")
    {
        Description = "With --file: keep the read position in this file, so that a restart goes on after the last delivered line (and a line sent again keeps its event id).",
    };

    // No default from the environment here: help would print it, and the key is a secret.
    private static readonly Option<string?> Key = new("--key")
    {
        Description = $"The account's ingest key, sent as Authorization: Bearer (default: ${KeyVariable}, which keeps it out of the process list).",
    };

    private static readonly Option<bool> FromStart = new("--from-start")
    {
        Description = "With --file: also ship the lines already in the file at start-up (by default only lines appended later).",
    };

    private static readonly Option<string?> Salt = new("--salt")
    {
        Description = $"Salt of the user id hash (default: ${SaltVariable}; without either, a random salt per run, so unique visitors are counted per run).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SaltVariable) is { Length: > 0 } salt ? salt : null,
    };

    private static readonly Option<bool> AllStatuses = new("--all-statuses")
    {
        Description = "Count lines of every status; by default only 2xx and 3xx answers count.",
    };

    private static readonly Option<bool> AllMethods = new("--all-methods")
    {
        Description = "Count requests of every method; by default only GET requests count.",
    };

    private static readonly Option<int> BatchSize = new("--batch-size")
    {
        Description = $"The most events in one request (1–{ShipOptions.MaxBatchSize}).",
        DefaultValueFactory = _ => ShipOptions.DefaultBatchSize,
    };

    private static readonly Option<TimeSpan> FlushInterval = DurationOption("--flush-interval", "The longest an event waits for its batch to fill.", ShipOptions.DefaultFlushInterval);

    private static readonly Option<int> MaxPending = new("--max-pending")
    {
        Description = "The most events held in memory; when full, reading stops (and Apache's pipe blocks) until the gateway takes some.",
        DefaultValueFactory = _ => ShipOptions.DefaultMaxPending,
    };

    private static readonly Option<int> MaxBodyBytes = new("--max-body-bytes")
    {
        Description = "The largest request body; keep it within the gateway's Counters:Limits:MaxBodyBytes.",
        DefaultValueFactory = _ => ShipOptions.DefaultMaxBodyBytes,
    };

    private static readonly Option<TimeSpan> MaxRetryDelay = DurationOption("--max-retry-delay", "The longest wait between two attempts at a batch, Retry-After included.", ShipOptions.DefaultMaxRetryDelay);

    private static readonly Option<TimeSpan> ShutdownGrace = DurationOption("--shutdown-grace", "After the input ends or SIGTERM, how long pending events may take to be sent.", ShipOptions.DefaultShutdownGrace);

    private static readonly Option<TimeSpan> MaxAge = DurationOption("--max-age", "The gateway's Counters:Limits:MaxAge: older lines are left out (the gateway would refuse their whole batch).", ShipOptions.DefaultMaxAge);

    private static readonly Option<TimeSpan> ReportInterval = DurationOption("--report-interval", "How often to report the counts on standard error while running.", ShipOptions.DefaultReportInterval);

    private static readonly Option<TimeSpan> PollInterval = DurationOption("--poll-interval", "With --file: how often to look for new lines and rotation.", ShipOptions.DefaultPollInterval);

    static ShipCommand()
    {
        BatchSize.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() is >= 1 and <= ShipOptions.MaxBatchSize, $"--batch-size must be 1–{ShipOptions.MaxBatchSize}"));
        MaxPending.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() >= 1, "--max-pending must be at least 1"));
        MaxBodyBytes.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() >= 1024, "--max-body-bytes must be at least 1024"));
        Key.Validators.Add(result => Check(result, IsHeaderSafe(result.GetValueOrDefault<string?>()), "--key must be printable ASCII without spaces (an ingest key, oci_…)"));
        Account.Validators.Add(result => CheckName(result, "--account", allowAll: false));
        Type.Validators.Add(result => CheckName(result, "--type", allowAll: true));
    }

    /// <summary>The root command; its action runs <paramref name="run"/> with the options and returns its exit code.</summary>
    public static RootCommand Create(Func<ShipOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand(
            "Ships Apache/nginx combined access logs to an Orleans.Counters gateway as events: from standard input " +
            "(CustomLog \"|counters-ship --gateway URL --account NAME\" combined) or by following a file (--file PATH).")
        {
            Gateway, Account, Type, File, PositionFile, Key, FromStart, Salt, AllStatuses, AllMethods, BatchSize, FlushInterval, MaxPending,
            MaxBodyBytes, MaxRetryDelay, ShutdownGrace, MaxAge, ReportInterval, PollInterval,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(PositionFile) is { Implicit: false } && result.GetValue(File) is null)
            {
                result.AddError("--position-file needs --file: standard input has no position to go back to");
            }
        });
        command.SetAction((parse, cancellationToken) => run(Bind(parse), cancellationToken));
        return command;
    }

    private static ShipOptions Bind(ParseResult parse) => new()
    {
        Gateway = parse.GetRequiredValue(Gateway),
        Account = parse.GetRequiredValue(Account),
        Type = parse.GetRequiredValue(Type),
        File = parse.GetValue(File),
        PositionFile = parse.GetValue(PositionFile),
        Key = parse.GetValue(Key) ?? (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : null),
        FromStart = parse.GetValue(FromStart),
        Salt = parse.GetValue(Salt),
        AllStatuses = parse.GetValue(AllStatuses),
        AllMethods = parse.GetValue(AllMethods),
        BatchSize = parse.GetValue(BatchSize),
        FlushInterval = parse.GetValue(FlushInterval),
        MaxPending = parse.GetValue(MaxPending),
        MaxBodyBytes = parse.GetValue(MaxBodyBytes),
        MaxRetryDelay = parse.GetValue(MaxRetryDelay),
        ShutdownGrace = parse.GetValue(ShutdownGrace),
        MaxAge = parse.GetValue(MaxAge),
        ReportInterval = parse.GetValue(ReportInterval),
        PollInterval = parse.GetValue(PollInterval),
    };

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) =>
        new(name)
        {
            Description = $"{description} Such as 500ms, 2s, 5m, 1h, 400d.",
            DefaultValueFactory = _ => defaultValue,
            HelpName = "duration",
            CustomParser = result => Durations.TryParse(result.Tokens.Single().Value, out var duration) && duration > TimeSpan.Zero
                ? duration
                : Fail<TimeSpan>(result, $"{name}: '{result.Tokens.Single().Value}' is not a duration such as 500ms, 2s, 5m or 400d"),
        };

    private static void CheckName(OptionResult result, string name, bool allowAll)
    {
        var value = result.GetValueOrDefault<string>();
        Check(result, EventValidator.IsValidName(value), $"{name} must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-'");
        Check(result, allowAll || value != SeriesKey.AllAccounts, $"{name} '{SeriesKey.AllAccounts}' is reserved for the sum over all accounts");
    }

    private static bool IsHeaderSafe(string? key) => key is { Length: > 0 } && key.All(c => c is > ' ' and <= '~');
}
