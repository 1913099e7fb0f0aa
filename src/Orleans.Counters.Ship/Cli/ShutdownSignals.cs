using System.Runtime.InteropServices;

namespace Orleans.Counters.Ship.Cli;

/// <summary>
/// Turns SIGTERM, SIGINT (Ctrl-C), SIGHUP and SIGQUIT into a graceful stop, instead of the runtime's
/// immediate exit, so that pending events are sent first; a second signal gives up at once.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _forced = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for the signals.</summary>
    public ShutdownSignals()
    {
        _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];
    }

    /// <summary>Signalled by the first signal.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Signalled by the second.</summary>
    public CancellationToken Forced => _forced.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
        _forced.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_stopping.IsCancellationRequested)
        {
            _forced.Cancel();
        }
        else
        {
            _stopping.Cancel();
        }
    }
}
