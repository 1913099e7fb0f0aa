namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A fault a <see cref="ChaosLoad"/> strikes while it posts: when a share of its batches has been
/// started, plus a delay, so that several faults can overlap (a database outage that a silo's death
/// falls into) or follow each other.
/// </summary>
/// <param name="Name">What it does, for the outcome's timeline.</param>
/// <param name="AtShare">The share of the batches started when it strikes, from 0 to 1.</param>
/// <param name="Delay">How long after that share it strikes.</param>
/// <param name="Strike">The fault; returns once it is over (at once for a kill, after the restart for a database).</param>
/// <param name="AfterLoad">What undoes it once every batch has been accepted, such as starting a killed gateway again; none when nothing does.</param>
public sealed record ChaosFault(string Name, double AtShare, TimeSpan Delay, Func<Task> Strike, Func<Task>? AfterLoad = null)
{
    /// <summary>The batch whose start sets the fault off.</summary>
    public int Batch(int batches) => Math.Clamp((int)Math.Floor(AtShare * batches + 1e-9), 0, batches - 1);
}
