namespace Orleans.Counters.Testing;

/// <summary>Compares what a running system answers with the ground truth, period by period.</summary>
public static class CountsVerifier
{
    /// <summary>Reads one period's counts from the system under test.</summary>
    public delegate Task<PeriodCounts> CountsReader(SeriesKey series, Period period);

    /// <summary>What a verification found.</summary>
    /// <param name="PeriodsCompared">How many (series, period) pairs were read and compared segment by segment.</param>
    /// <param name="Mismatches">One line per period that differs; empty when all agree.</param>
    public sealed record Report(int PeriodsCompared, IReadOnlyList<string> Mismatches)
    {
        /// <summary>A readable summary for assertion messages.</summary>
        public override string ToString() =>
            $"{PeriodsCompared} periods compared, {Mismatches.Count} mismatches{(Mismatches.Count > 0 ? ":\n" + string.Join('\n', Mismatches.Take(20)) : string.Empty)}";
    }

    /// <summary>
    /// Compares every period the truth knows, segment by segment and in total, and checks the
    /// sums: every series' total equals the sum of its segments, <c>all</c> equals the sum of the
    /// accounts, and an account's <c>*</c> series equals the sum of its URLs plus the events
    /// that had no URL.
    /// </summary>
    public static async Task<Report> VerifyAsync(GroundTruth truth, CountsReader read, int parallelism = 32)
    {
        var mismatches = new List<string>();
        var actual = new Dictionary<(SeriesKey, Period), PeriodCounts>();
        var keys = truth.Periods.ToList();
        foreach (var chunk in keys.Chunk(parallelism))
        {
            var results = await Task.WhenAll(chunk.Select(async key => (key, counts: await read(key.Series, key.Period))));
            foreach (var (key, counts) in results)
            {
                actual[key] = counts;
                var expected = truth.Expected(key.Series, key.Period);
                if (!counts.Segments.SequenceEqual(expected) || counts.Total != expected.Sum())
                {
                    mismatches.Add($"{key.Series} {key.Period}: expected total {expected.Sum()} [{string.Join(',', expected)}], got {counts.Total} [{string.Join(',', counts.Segments)}]");
                }
            }
        }

        CheckSums(truth, actual, mismatches);
        return new Report(keys.Count, mismatches);
    }

    /// <summary>Waits until every year total equals the truth (the rollups have caught up), or the timeout passes.</summary>
    public static async Task WaitForYearsAsync(GroundTruth truth, CountsReader read, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var years = truth.Years.ToList();
            var totals = await Task.WhenAll(years.Select(key => read(key.Series, key.Period)));
            if (years.Zip(totals).All(pair => pair.Second.Total == truth.Expected(pair.First.Series, pair.First.Period).Sum()) || DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static void CheckSums(GroundTruth truth, Dictionary<(SeriesKey Series, Period Period), PeriodCounts> actual, List<string> mismatches)
    {
        foreach (var group in actual.GroupBy(pair => (pair.Key.Series.Type, pair.Key.Period)))
        {
            var all = group.Where(p => p.Key.Series.Account == SeriesKey.AllAccounts).Sum(p => p.Value.Total);
            var accounts = group.Where(p => p.Key.Series.Account != SeriesKey.AllAccounts && p.Key.Series.Url == SeriesKey.AllUrls).Sum(p => p.Value.Total);
            if (all != accounts)
            {
                mismatches.Add($"all {group.Key.Type} {group.Key.Period}: {all} but the accounts sum to {accounts}");
            }

            foreach (var account in group.Where(p => p.Key.Series.Account != SeriesKey.AllAccounts).GroupBy(p => p.Key.Series.Account))
            {
                var star = account.Where(p => p.Key.Series.Url == SeriesKey.AllUrls).Sum(p => p.Value.Total);
                var urls = account.Where(p => p.Key.Series.Url != SeriesKey.AllUrls).Sum(p => p.Value.Total);
                var withoutUrl = truth.WithoutUrl(account.Key, group.Key.Type, group.Key.Period);
                if (star != urls + withoutUrl)
                {
                    mismatches.Add($"{account.Key} {group.Key.Type} {group.Key.Period}: * is {star} but its URLs sum to {urls} and {withoutUrl} had none");
                }
            }
        }
    }
}
