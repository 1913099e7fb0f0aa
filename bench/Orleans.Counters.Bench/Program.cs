using Orleans.Counters.Bench;
using Orleans.Counters.Bench.Baselines;

// dotnet run -c Release --project bench/Orleans.Counters.Bench -- [--quick] [--out DIR]
// The same binary, started as a child with "serve-kestrel", is the bare Kestrel baseline server.
if (args is [BareKestrelServer.Command, .. var serverArgs])
{
    await BareKestrelServer.RunAsync(serverArgs);
    return 0;
}

if (!BenchOptions.TryParse(args, out var options, out var usage))
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    return await BenchRun.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Progress.Error("interrupted; everything it started is stopped.");
    return 130;
}
finally
{
    EmergencyStop.RunAll();
}
