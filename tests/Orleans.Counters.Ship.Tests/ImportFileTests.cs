using Orleans.Counters.Ship.Import;

namespace Orleans.Counters.Ship.Tests;

/// <summary>The pure parts of an import: lines with their numbers and offsets, CSV rows, and derived ids.</summary>
public sealed class ImportFileTests
{
    [Fact]
    public void LinesKnowTheirNumberAndWhereTheyEndAndReadingGoesOnFromAnOffset()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("\uFEFFone\r\ntwo\n\nthrée"));

        var lines = FileLines.Read(stream, 0, 1).ToList();
        var after = FileLines.Read(stream, lines[0].End, 2).ToList();

        Assert.Equal([new FileLine(1, 8, "one"), new FileLine(2, 12, "two"), new FileLine(3, 13, string.Empty), new FileLine(4, 19, "thrée")], lines);
        Assert.Equal(lines[1..], after);
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,", new[] { "a", "", "" })]
    [InlineData("\"x, y\",\"say \"\"hi\"\"\",z", new[] { "x, y", "say \"hi\"", "z" })]
    [InlineData("\"\"", new[] { "" })]
    public void CsvRowsSplitIntoTheirFields(string row, string[] fields)
    {
        Assert.True(CsvFields.TrySplit(row, out var split, out _));
        Assert.Equal(fields, split);
    }

    [Theory]
    [InlineData("\"open,b", "does not close")]
    [InlineData("\"a\"b,c", "after its closing quote")]
    [InlineData("a\"b,c", "quote inside it")]
    public void BadCsvRowsSayWhatIsWrong(string row, string problem)
    {
        Assert.False(CsvFields.TrySplit(row, out _, out var reason));
        Assert.Contains(problem, reason);
    }

    [Fact]
    public void ADerivedIdDependsOnTheLineNumberAndTextOnly()
    {
        Assert.Equal(DerivedId.Of(7, "x"), DerivedId.Of(7, "x"));
        Assert.NotEqual(DerivedId.Of(7, "x"), DerivedId.Of(8, "x"));
        Assert.NotEqual(DerivedId.Of(7, "x"), DerivedId.Of(7, "y"));
        Assert.InRange(DerivedId.Of(long.MaxValue, new string('x', 10_000)).Length, 1, EventLimits.MaxIdLength);
    }

    [Theory]
    [InlineData("""{"type":"pageview","id":null}""")]
    [InlineData("""{"type":"pageview"}""")]
    public void AnNdjsonLineWithoutIdGetsOneDerivedIdAndTheAccount(string text)
    {
        var mapped = ImportLineMapper.Ndjson("acme").Map(new FileLine(3, 40, text))!;

        using var json = JsonDocument.Parse(mapped.Json);
        Assert.Equal(["account", "type", "id"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(DerivedId.Of(3, text), json.RootElement.GetProperty("id").GetString());
        Assert.Equal("acme", json.RootElement.GetProperty("account").GetString());
    }

    [Fact]
    public void AnNdjsonLineOfAnotherAccountIsRefused()
    {
        var mapped = ImportLineMapper.Ndjson("acme").Map(new FileLine(1, 10, """{"account":"globex","type":"pageview"}"""))!;

        Assert.Null(mapped.Json);
        Assert.StartsWith("account:", mapped.Problem);
    }

    [Fact]
    public void ACsvHeaderNamingAnUnknownColumnIsRefused()
    {
        Assert.Null(ImportLineMapper.Csv("acme", "timestamp,type,colour", out var problem));
        Assert.Contains("'colour'", problem);
        Assert.NotNull(ImportLineMapper.Csv("acme", "timestamp,type,properties.plan", out _));
    }
}
