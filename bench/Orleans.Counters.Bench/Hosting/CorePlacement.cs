namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// The "PostgreSQL pinned apart (taskset)" placement: the PostgreSQL server on core 0, our processes and
/// the load generator (this bench) on the others, as in production, where PostgreSQL has cores of its own.
/// Everything else the bench measures shares every core.
/// </summary>
/// <param name="PostgresCores">taskset's list for the PostgreSQL server, such as "0".</param>
/// <param name="OtherCores">taskset's list for everything else, such as "1" or "1-3".</param>
/// <param name="AllCores">taskset's list of every core, to undo the placement.</param>
public sealed record CorePlacement(string PostgresCores, string OtherCores, string AllCores)
{
    /// <summary>How figure names say it.</summary>
    public const string Label = "PostgreSQL pinned apart (taskset)";

    /// <summary>How the report says the default placement, such as "everything on 2 cores".</summary>
    public static string SharedLabel => string.Create(CultureInfo.InvariantCulture, $"everything on {Environment.ProcessorCount} cores");

    /// <summary>The placement on this machine, or null with the reason when taskset is missing or there is one core.</summary>
    public static CorePlacement? OnThisMachine(out string? unavailable)
    {
        var cores = Environment.ProcessorCount;
        unavailable = TaskSet.Path is null ? "taskset is not installed (util-linux)"
            : cores < 2 ? "one core: nothing to pin apart"
            : null;
        var last = (cores - 1).ToString(CultureInfo.InvariantCulture);
        return unavailable is null ? new CorePlacement("0", cores == 2 ? "1" : "1-" + last, "0-" + last) : null;
    }
}
