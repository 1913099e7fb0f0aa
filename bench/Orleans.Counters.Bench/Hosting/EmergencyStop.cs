namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Last resort for what the bench started: servers register a synchronous stop here, and it runs when
/// the process exits without their normal disposal (an unhandled failure, SIGTERM, Ctrl-C).
/// </summary>
public static class EmergencyStop
{
    private static readonly Dictionary<object, Action> Stops = [];

    static EmergencyStop() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();

    /// <summary>Registers how to stop a resource; dispose the result once the resource is stopped normally.</summary>
    public static IDisposable Register(Action stop)
    {
        var token = new Registration();
        lock (Stops)
        {
            Stops[token] = stop;
        }

        return token;
    }

    /// <summary>Stops everything still registered, newest first.</summary>
    public static void RunAll()
    {
        Action[] stops;
        lock (Stops)
        {
            stops = [.. Stops.Values.Reverse()];
            Stops.Clear();
        }

        foreach (var stop in stops)
        {
            try
            {
                stop();
            }
            catch (Exception exception)
            {
                Progress.Error($"emergency stop failed: {exception.Message}");
            }
        }
    }

    private sealed class Registration : IDisposable
    {
        public void Dispose()
        {
            lock (Stops)
            {
                Stops.Remove(this);
            }
        }
    }
}
