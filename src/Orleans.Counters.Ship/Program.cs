using System.CommandLine;
using Orleans.Counters.Ship.Cli;
using Orleans.Counters.Ship.Import;
using Orleans.Counters.Ship.Input;
using Orleans.Counters.Ship.Mapping;
using Orleans.Counters.Ship.Sending;
using Orleans.Counters.Ship.Shipping;

var command = ShipCommand.Create(async (options, _) =>
{
    var log = ShipLog.StandardError();
    using var signals = new ShutdownSignals();
    var salt = options.Salt;
    if (salt is null)
    {
        salt = UserIdHasher.RandomSalt();
        log.RandomSalt();
    }

    PositionFile? positions = null;
    FilePosition? saved = null;
    if (options.File is { } followed && options.PositionFile is { } positionPath)
    {
        positions = new PositionFile(Path.GetFullPath(positionPath), Path.GetFullPath(followed));
        try
        {
            saved = positions.Load();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Guessing a position could ship lines twice or never: the operator decides.
            log.PositionFileUnusable(e.Message);
            return 2;
        }
    }

    ILineSource source = options.File is { } path
        ? new FileTailer(Path.GetFullPath(path), options.FromStart, saved, options.PollInterval, log)
        : StreamLineSource.StandardInput();
    var clock = TimeProvider.System;
    var mapper = new EventMapper(
        new MappingOptions(options.Account, options.Type, options.AllStatuses, options.AllMethods),
        new UserIdHasher(salt),
        new EventValidator(new EventLimits { MaxAge = options.MaxAge }, clock),
        clock);
    var shipper = new Shipper(options, source, GatewayClient.Create(options.Gateway, options.Key), mapper, log, positions);
    return await shipper.RunAsync(signals.Stopping, signals.Forced);
});

command.Subcommands.Add(ImportCommand.Create(async (options, _) =>
{
    using var signals = new ShutdownSignals();
    var client = ImportClient.Create(options.Gateway, options.Key);
    var result = await ImportProgressBar.RunAsync(
        options.File, options.Progress, (progress, log) => new Importer(options, client, log).RunAsync(progress, signals.Stopping));
    ImportReport.Write(Console.Out, options.File, result);
    return result.ExitCode;
}));

var parse = command.Parse(args);
// Signals are ours (ShutdownSignals): pending events are sent before exiting, not cut off after a timeout.
var exitCode = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
// 2 for a bad command line (or an unusable position or state file), apart from 1: some events were not delivered,
// 3: the gateway refused the key, and 4 (import): the gateway cannot import.
return parse.Errors.Count > 0 ? 2 : exitCode;
