using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Counter grain activations on the running silos against the counter grains stored in PostgreSQL,
/// per kind (hour, day, month, year): a grain active twice (a duplicate activation, which may answer
/// reads from stale state) shows here even when its reads happen to agree.
/// </summary>
/// <remarks>
/// Grains without data are active too, legitimately: a rollup activated from an unclean record (its
/// silo died) asks every child period for its totals, and activates the empty ones, which have no
/// stored row. So the census lists each activation by grain, from Orleans' management grain, and
/// compares only the activations of grains that hold data with the stored rows; the empty ones are
/// counted apart. For every grain with data to be active when the census is taken, read every period
/// of the truth first (the final verification does): a period with events is held by a grain with data.
/// </remarks>
/// <param name="Kinds">One line per kind of counter grain.</param>
/// <param name="Duplicates">Each grain active more than once, with its silos.</param>
/// <param name="StoredTypes">The stored counter rows by <c>graintypestring</c>, as the storage provider names them.</param>
public sealed record ActivationCensus(IReadOnlyList<ActivationCensus.Kind> Kinds, IReadOnlyList<string> Duplicates, string StoredTypes)
{
    private static readonly string[] CounterGrainTypes = ["hourcounters", "rollupcounters"];

    /// <summary>One kind of counter grain.</summary>
    /// <param name="Name">hour, day, month or year.</param>
    /// <param name="WithData">Grains the truth puts events in.</param>
    /// <param name="Stored">Rows in <c>orleansstorage</c>.</param>
    /// <param name="Live">Activations on the running silos, from the management grain.</param>
    /// <param name="LiveStored">Of those, activations of stored grains.</param>
    /// <param name="Metric"><c>counters_grain_activations</c> of the kind, summed over the running silos' <c>/metrics</c>.</param>
    public sealed record Kind(string Name, int WithData, int Stored, int Live, int LiveStored, long Metric)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"{Name}: {LiveStored} live of {Stored} stored ({WithData} with data; {Live - LiveStored} more live without a row; metric {Metric})";
    }

    /// <summary>True when every stored grain, and every grain with data, is active exactly once.</summary>
    public bool OneActivationPerStoredGrain => Duplicates.Count == 0 && Kinds.All(k => k.LiveStored == k.Stored && k.Stored == k.WithData);

    /// <inheritdoc />
    public override string ToString() =>
        $"activations vs stored: {string.Join(", ", Kinds)}; {Duplicates.Count} grains active twice{(Duplicates.Count > 0 ? ": " + string.Join(", ", Duplicates.Take(20)) : "")}; stored rows by type: {StoredTypes}";

    /// <summary>Takes the census of a cluster whose counts have settled, against the truth of its load.</summary>
    public static async Task<ActivationCensus> TakeAsync(CountersCluster cluster, string connectionString, GroundTruth truth)
    {
        var withData = truth.Periods.Select(key => CounterGroup.Of(key.Series, key.Period)).ToHashSet();
        var (stored, storedTypes) = await StoredGroupsAsync(connectionString, cluster.ClusterId);
        var live = await LiveActivationsAsync(cluster.ClusterId, connectionString);
        var metric = await MetricByKindAsync(cluster);

        var kinds = Enum.GetValues<PeriodKind>().Select(kind =>
        {
            var name = kind.ToString().ToLowerInvariant();
            var liveOfKind = live.Where(a => a.Group.Period.Kind == kind).ToList();
            return new Kind(
                name,
                withData.Count(g => g.Period.Kind == kind),
                stored.Count(g => g.Period.Kind == kind),
                liveOfKind.Count,
                liveOfKind.Count(a => stored.Contains(a.Group)),
                metric.GetValueOrDefault(name));
        }).ToList();
        var duplicates = live.GroupBy(a => a.Group).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} on {string.Join(" and ", g.Select(a => a.Silo))}{(stored.Contains(g.Key) ? "" : " (no row)")}")
            .ToList();
        return new ActivationCensus(kinds, duplicates, storedTypes);
    }

    /// <summary>The counter groups with a row in the cluster's grain storage, and those rows counted by grain type.</summary>
    private static async Task<(HashSet<CounterGroup> Groups, string Types)> StoredGroupsAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT graintypestring, grainidextensionstring FROM orleansstorage WHERE serviceid = @service", connection);
        command.Parameters.AddWithValue("service", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var groups = new HashSet<CounterGroup>();
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            // Counter grains are keyed account|period|shard; the catalog's and settings' keys are account names.
            if (!reader.IsDBNull(1) && TryParseGroup(reader.GetString(1), out var group))
            {
                groups.Add(group);
                types[reader.GetString(0)] = types.GetValueOrDefault(reader.GetString(0)) + 1;
            }
        }

        return (groups, string.Join(", ", types.Select(t => $"{t.Key} {t.Value}")));
    }

    /// <summary>Every counter grain activation on the running silos, as Orleans' management grain lists them.</summary>
    private static async Task<List<(CounterGroup Group, string Silo)>> LiveActivationsAsync(string clusterId, string connectionString)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = clusterId;
                })
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                }))
            .Build();
        await host.StartAsync();
        try
        {
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            var activations = await management.GetDetailedGrainStatistics();
            return [.. activations
                .Where(a => CounterGrainTypes.Contains(a.GrainId.Type.ToString()))
                .Select(a => (CounterGroup.Parse(a.GrainId.Key.ToString()!), a.SiloAddress.ToString()))];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary><c>counters_grain_activations</c> by kind, summed over the running silos' <c>/metrics</c>.</summary>
    private static async Task<Dictionary<string, long>> MetricByKindAsync(CountersCluster cluster)
    {
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var silo in cluster.RunningSilos)
        {
            using var http = new HttpClient { BaseAddress = cluster.SiloHttp(silo), Timeout = TimeSpan.FromSeconds(30) };
            var text = await http.GetStringAsync("/metrics");
            foreach (Match line in Regex.Matches(text, @"(?m)^counters_grain_activations\{[^}]*kind=""(\w+)""[^}]*\} (\S+)"))
            {
                var value = (long)double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
                byKind[line.Groups[1].Value] = byKind.GetValueOrDefault(line.Groups[1].Value) + value;
            }
        }

        return byKind;
    }

    private static bool TryParseGroup(string key, out CounterGroup group)
    {
        try
        {
            group = CounterGroup.Parse(key);
            return true;
        }
        catch (FormatException)
        {
            group = default;
            return false;
        }
    }
}
