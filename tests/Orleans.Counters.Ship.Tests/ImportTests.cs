using System.Globalization;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// <c>counters-ship import</c> as a child process against the real gateway in PostgreSQL mode: a file
/// imported twice counts once, an interrupted import resumed from its state file counts every event
/// once, a bad line is refused naming its line and field while the rest counts, and keys of the wrong
/// kind or account stop it.
/// </summary>
public sealed class ImportTests(ImportGatewayFixture gateway) : IClassFixture<ImportGatewayFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // Two years back, at noon: far past the live endpoint's 400 days, whatever the date the tests run.
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddYears(-2).AddHours(12);

    private readonly string _directory = Directory.CreateTempSubdirectory("counters-import-").FullName;

    [SkippableFact]
    public async Task ImportingTheSameFileTwiceCountsItOnce()
    {
        gateway.Require();
        var account = ShipGatewayFixture.NewAccount("twice");
        var (_, import) = await gateway.CreateAccountAsync(account);
        // No ids in the file: the tool derives them from each line, the same in both runs.
        var file = Write("twice.ndjson", Enumerable.Range(0, 300).Select(i => NdjsonLine(Day.AddMinutes(i * 7), $"/p/{i % 5}", id: null)));

        var (firstExit, first) = await RunAsync(file, "ndjson", account, import, "--batch-size", "100");
        var (secondExit, second) = await RunAsync(file, "ndjson", account, import, "--batch-size", "100");

        Assert.True(firstExit == 0, first);
        Assert.Contains("events sent    300 (new 300, repeats 0)", first);
        Assert.True(secondExit == 0, second);
        Assert.Contains("events sent    300 (new 0, repeats 300)", second);
        await AssertCountedAsync(account, Enumerable.Range(0, 300).Select(i => Day.AddMinutes(i * 7)));
    }

    [SkippableFact]
    public async Task AnInterruptedImportResumedFromItsStateFileCountsEveryEventOnce()
    {
        gateway.Require();
        var account = ShipGatewayFixture.NewAccount("resume");
        var (_, import) = await gateway.CreateAccountAsync(account);
        const int events = 20_000;
        var instants = Enumerable.Range(0, events).Select(i => Day.AddDays(-(i % 90)).AddSeconds(i)).ToList();
        var file = Write("resume.ndjson", instants.Select((at, i) => NdjsonLine(at, "/", id: $"r-{i}")));
        var state = Path.Combine(_directory, "resume.state");

        await using (var first = ShipProcess.Start("import", file, "--format", "ndjson", "--account", account, "--gateway", gateway.Url, "--key", import,
            "--state", state, "--batch-size", "200", "--no-progress"))
        {
            await Eventually.ReadAsync(() => Task.FromResult(File.Exists(state)), exists => exists, TimeSpan.FromSeconds(60));
            await first.InterruptAsync();
            Assert.Equal(1, await first.WaitForExitAsync(Timeout));
            Assert.Contains("stopped by a signal", first.Log);
        }

        using (var saved = JsonDocument.Parse(File.ReadAllBytes(state)))
        {
            Assert.InRange(saved.RootElement.GetProperty("line").GetInt64(), 200, events - 1);
        }

        var (exit, output) = await RunAsync(file, "ndjson", account, import, "--state", state, "--batch-size", "200");

        Assert.True(exit == 0, output);
        Assert.Contains($"lines read     {events}", output);
        // Every line is acknowledged once over the two runs. The batch the interrupted run had in flight may
        // have been counted without its answer arriving: sent again, it is a repeat, and counts once.
        Assert.Contains($"events sent    {events} (", output);
        var repeats = long.Parse(Between(output, "repeats ", ")"), CultureInfo.InvariantCulture);
        Assert.InRange(repeats, 0, 200);
        await AssertCountedAsync(account, instants);
    }

    [SkippableFact]
    public async Task BadCsvLinesAreRefusedNamingLineAndFieldAndTheRestCounts()
    {
        gateway.Require();
        var account = ShipGatewayFixture.NewAccount("csv");
        var (_, import) = await gateway.CreateAccountAsync(account);
        var at = Day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var file = Write("orders.csv",
        [
            "timestamp,type,url,id,userId,value,properties.plan",
            $"{at},pageview,/,a,u1,,",
            $"{at},order,/checkout,b,u1,59.90,\"pro, yearly\"",
            $"1999-12-31T23:00:00Z,pageview,/,c,u2,,",
            $"{at},pageview,/,d",
            string.Empty,
            $"{at},pageview,/blog,e,\"u\"\"3\",,",
            $"{at},order,/checkout,f,u2,lots,",
        ]);

        var (exit, output) = await RunAsync(file, "csv", account, import);

        Assert.True(exit == 1, output);
        Assert.Contains("lines read     8", output);
        Assert.Contains("events sent    3 (new 3, repeats 0)", output);
        Assert.Contains("lines refused  3", output);
        Assert.Contains("line 4: timestamp: must not be before 2000-01-01T00:00:00Z", output);
        Assert.Contains("line 5: has 4 fields; the header names 7", output);
        Assert.Contains("line 8: value: 'lots' is not a number", output);
        Assert.Equal(2, await Eventually.ReadAsync(() => gateway.TotalAsync(account, "pageview", PeriodKind.Day, Day), total => total == 2));
        Assert.Equal(1, await Eventually.ReadAsync(() => gateway.TotalAsync(account, "order", PeriodKind.Year, Day), total => total == 1));
    }

    [SkippableTheory]
    [InlineData("ingest")]
    [InlineData("another account's import")]
    public async Task AKeyThatMayNotImportStopsTheToolWithExitCode3(string key)
    {
        gateway.Require();
        var account = ShipGatewayFixture.NewAccount("keys");
        var (ingest, _) = await gateway.CreateAccountAsync(account);
        var (_, otherImport) = await gateway.CreateAccountAsync(ShipGatewayFixture.NewAccount("other"));
        var file = Write("keys.ndjson", [NdjsonLine(Day, "/", "k1")]);

        var (exit, output) = await RunAsync(file, "ndjson", account, key == "ingest" ? ingest : otherImport);

        Assert.True(exit == 3, output);
        Assert.Contains("the gateway answered 403", output);
        Assert.Equal(0, await gateway.TotalAsync(account, "pageview", PeriodKind.Day, Day));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Exit, string Output)> RunAsync(string file, string format, string account, string key, params string[] more)
    {
        await using var ship = ShipProcess.Start(["import", file, "--format", format, "--account", account, "--gateway", gateway.Url, "--key", key, .. more]);
        var exit = await ship.WaitForExitAsync(Timeout);
        return (exit, ship.Log);
    }

    private async Task AssertCountedAsync(string account, IEnumerable<DateTime> instants)
    {
        foreach (var kind in new[] { PeriodKind.Day, PeriodKind.Month, PeriodKind.Year })
        {
            foreach (var group in instants.GroupBy(at => Period.Containing(kind, at)))
            {
                var expected = group.Count();
                var counted = await Eventually.ReadAsync(
                    () => gateway.TotalAsync(account, "pageview", kind, group.First()), total => total == expected, TimeSpan.FromSeconds(30));
                Assert.Equal(expected, counted);
            }
        }
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string NdjsonLine(DateTime at, string url, string? id) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["type"] = "pageview",
        ["url"] = url,
        ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["id"] = id,
    }.Where(pair => pair.Value is not null).ToDictionary());

    private static string Between(string text, string before, string after)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal) + before.Length;
        return text[start..text.IndexOf(after, start, StringComparison.Ordinal)];
    }
}
