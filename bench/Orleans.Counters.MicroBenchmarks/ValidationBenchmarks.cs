using System.Globalization;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// Validation of a request's events: the whole batch, one event, and the two helpers it leans on,
/// URL normalisation and ISO-8601 timestamp parsing. Per-event figures are the mean over 1,000 events.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private const int BatchSize = 1_000;

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'",
        "yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'",
        "yyyy-MM-dd'T'HH:mm:ss",
    ];

    private readonly List<FieldError> _errors = [];
    private EventValidator _validator = null!;
    private List<EventInput> _inputs = null!;
    private string[] _urls = null!;
    private string[] _timestamps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _validator = SampleEvents.Validator();
        _inputs = SampleEvents.Inputs(BatchSize);
        _urls = [.. _inputs.Select(input => input.Url!)];
        var random = new Random(BatchSize);
        _timestamps =
        [
            .. _inputs.Select(input => input.Timestamp!.Value.UtcDateTime.ToString(TimestampFormats[random.Next(TimestampFormats.Length)], CultureInfo.InvariantCulture)),
        ];
    }

    [Benchmark(Description = "ValidateAll, batch of 1,000 events")]
    public List<CounterEvent> ValidateAllOfBatch() => _validator.ValidateAll(_inputs, SampleEvents.Now, new List<FieldError>());

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "Validate, per event")]
    public int ValidateOneEvent()
    {
        var accepted = 0;
        for (var index = 0; index < _inputs.Count; index++)
        {
            if (_validator.Validate(_inputs[index], index, SampleEvents.Now, _errors) is not null)
            {
                accepted++;
            }
        }

        return accepted;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "UrlNormalizer.TryNormalize, per URL")]
    public int NormalizeOneUrl()
    {
        var length = 0;
        foreach (var url in _urls)
        {
            if (UrlNormalizer.TryNormalize(url, out var path, out _))
            {
                length += path.Length;
            }
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "IsoTimestamp.TryParse, per timestamp")]
    public long ParseOneIsoTimestamp()
    {
        var ticks = 0L;
        foreach (var text in _timestamps)
        {
            if (IsoTimestamp.TryParse(text, out var timestamp))
            {
                ticks ^= timestamp.UtcTicks;
            }
        }

        return ticks;
    }
}
