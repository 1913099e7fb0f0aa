using System.Globalization;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// The seed and fault timings of a <see cref="CombinedFaultTests"/> run, from environment variables so
/// that <c>scripts/combined-faults.sh</c> can vary them; fixed defaults otherwise.
/// </summary>
/// <param name="Seed"><c>COUNTERS_CHAOS_SEED</c>: the load generator's seed.</param>
/// <param name="Silo">When silo 1 is killed, as the first of <c>COUNTERS_CHAOS_FAULT_OFFSETS</c>.</param>
/// <param name="Postgres">When PostgreSQL is aborted, the second.</param>
/// <param name="Gateway">When the second gateway is killed, the third.</param>
/// <param name="Outage"><c>COUNTERS_CHAOS_OUTAGE</c>: seconds PostgreSQL stays down.</param>
public sealed record CombinedFaultSettings(int Seed, CombinedFaultSettings.Offset Silo, CombinedFaultSettings.Offset Postgres, CombinedFaultSettings.Offset Gateway, TimeSpan Outage)
{
    /// <summary>The defaults: the silo dies, PostgreSQL crashes 2 s later (before the silo is declared dead), the gateway dies halfway through the load.</summary>
    public const string DefaultOffsets = "0.25,0.25+2,0.5";

    /// <summary>When a fault strikes: once a share of the batches has been started, and some seconds after that.</summary>
    /// <param name="Share">From 0 to 1.</param>
    /// <param name="Delay">Added to the moment that share is reached.</param>
    public sealed record Offset(double Share, TimeSpan Delay)
    {
        /// <summary>Reads <c>share</c> or <c>share+seconds</c>, such as <c>0.25+2</c>.</summary>
        public static Offset Parse(string text)
        {
            var parts = text.Trim().Split('+');
            if (parts.Length > 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 1
                || (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var _)))
            {
                throw new FormatException($"'{text}' is not a fault offset: a share of the batches from 0 to 1, optionally +seconds (such as 0.25+2).");
            }

            var seconds = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            return new Offset(share, TimeSpan.FromSeconds(seconds));
        }

        /// <inheritdoc />
        public override string ToString() => Delay > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{Share}+{Delay.TotalSeconds}")
            : Share.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the settings from the environment, with the defaults for what is not set.</summary>
    public static CombinedFaultSettings FromEnvironment()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("COUNTERS_CHAOS_SEED") is { Length: > 0 } s ? s : "61", CultureInfo.InvariantCulture);
        var offsets = (Environment.GetEnvironmentVariable("COUNTERS_CHAOS_FAULT_OFFSETS") is { Length: > 0 } o ? o : DefaultOffsets).Split(',');
        if (offsets.Length != 3)
        {
            throw new FormatException($"COUNTERS_CHAOS_FAULT_OFFSETS needs three offsets (silo, PostgreSQL, gateway), such as {DefaultOffsets}.");
        }

        var outage = double.Parse(Environment.GetEnvironmentVariable("COUNTERS_CHAOS_OUTAGE") is { Length: > 0 } d ? d : "8", CultureInfo.InvariantCulture);
        return new CombinedFaultSettings(seed, Offset.Parse(offsets[0]), Offset.Parse(offsets[1]), Offset.Parse(offsets[2]), TimeSpan.FromSeconds(outage));
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"seed {Seed}, faults at {Silo},{Postgres},{Gateway}, outage {Outage.TotalSeconds} s");
}
