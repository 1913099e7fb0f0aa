using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Counters.Series;
using Orleans.Counters.Ship.Import;
using static Orleans.Counters.Ship.Cli.ParseChecks;

namespace Orleans.Counters.Ship.Cli;

/// <summary><c>counters-ship import FILE</c>: its arguments, their checks, and the <see cref="ImportOptions"/> they make.</summary>
public static class ImportCommand
{
    /// <summary>Where events go when <c>--gateway</c> is not given: the gateway's own default address.</summary>
    public static readonly Uri DefaultGateway = new("http://localhost:5080");

    private static readonly Argument<string> File = new("FILE")
    {
        Description = "The file of events to import, of any size: it is streamed, never loaded whole.",
    };

    private static readonly Option<ImportFormat> Format = new("--format")
    {
        Description = "ndjson: one JSON event a line; csv: a header row naming the columns (timestamp,type,url,id,userId,userAgent,value,account, properties.NAME), then one event a row.",
        Required = true,
        CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "ndjson" => ImportFormat.Ndjson,
            "csv" => ImportFormat.Csv,
            var other => Fail<ImportFormat>(result, $"--format must be ndjson or csv, not '{other}'"),
        },
    };

    private static readonly Option<string> Account = new("--account")
    {
        Description = "The account the events are counted for; a line naming another account is refused.",
        Required = true,
    };

    private static readonly Option<Uri> Gateway = new("--gateway")
    {
        Description = $"The gateway's address; events go to its POST /api/import (default {DefaultGateway}).",
        DefaultValueFactory = _ => DefaultGateway,
        CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : Fail<Uri>(result, "--gateway must be an absolute http(s) URL")!,
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = $"The account's import key (ocm_…) or the admin key, sent as Authorization: Bearer (default: ${ShipCommand.KeyVariable}).",
    };

    private static readonly Option<string?> State = new("--state")
    {
        Description = "Keep the acknowledged progress in this file: a second run with it goes on after the last batch the gateway took.",
    };

    private static readonly Option<int> BatchSize = new("--batch-size")
    {
        Description = $"The most events in one request (1–{ImportOptions.MaxBatchSize}).",
        DefaultValueFactory = _ => ImportOptions.DefaultBatchSize,
    };

    private static readonly Option<int> MaxBodyBytes = new("--max-body-bytes")
    {
        Description = "The largest request body; keep it within the gateway's Counters:Import:MaxBodyBytes (8 MiB).",
        DefaultValueFactory = _ => ImportOptions.DefaultMaxBodyBytes,
    };

    private static readonly Option<bool> NoProgress = new("--no-progress")
    {
        Description = "Draw no progress bar (none is drawn when standard error is not a terminal).",
    };

    static ImportCommand()
    {
        BatchSize.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() is >= 1 and <= ImportOptions.MaxBatchSize, $"--batch-size must be 1–{ImportOptions.MaxBatchSize}"));
        MaxBodyBytes.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() >= 1024, "--max-body-bytes must be at least 1024"));
        Key.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>() is { Length: > 0 } key && key.All(c => c is > ' ' and <= '~'), "--key must be printable ASCII without spaces"));
        Account.Validators.Add(result =>
        {
            var account = result.GetValueOrDefault<string>();
            Check(result, EventValidator.IsValidName(account) && account != SeriesKey.AllAccounts, $"--account must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}'");
        });
        File.Validators.Add(result => Check(result, System.IO.File.Exists(result.GetValueOrDefault<string>()), $"FILE '{result.GetValueOrDefault<string>()}' does not exist"));
    }

    /// <summary>The <c>import</c> command; its action runs <paramref name="run"/> with the options and returns its exit code.</summary>
    public static Command Create(Func<ImportOptions, CancellationToken, Task<int>> run)
    {
        var command = new Command(
            "import",
            "Imports a file of past events (NDJSON or CSV) through the gateway's POST /api/import, in batches, with a progress bar. " +
            "Every event gets an id (the file's, or one derived from its line), so importing the same file again counts it once.")
        {
            File, Format, Account, Gateway, Key, State, BatchSize, MaxBodyBytes, NoProgress,
        };
        command.SetAction((parse, cancellationToken) => run(Bind(parse), cancellationToken));
        return command;
    }

    private static ImportOptions Bind(ParseResult parse) => new()
    {
        File = parse.GetRequiredValue(File),
        Format = parse.GetRequiredValue(Format),
        Account = parse.GetRequiredValue(Account),
        Gateway = parse.GetRequiredValue(Gateway),
        Key = parse.GetValue(Key) ?? (Environment.GetEnvironmentVariable(ShipCommand.KeyVariable) is { Length: > 0 } key ? key : null),
        StateFile = parse.GetValue(State) is { } state ? Path.GetFullPath(state) : null,
        BatchSize = parse.GetValue(BatchSize),
        MaxBodyBytes = parse.GetValue(MaxBodyBytes),
        Progress = !parse.GetValue(NoProgress),
    };
}
