namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// Typical events of one shop: mostly page views, some clicks and orders, paths and full URLs
/// with query strings, user ids, idempotency keys and a referrer now and then. A seeded
/// <see cref="Random"/> makes every run measure the same data.
/// </summary>
internal static class SampleEvents
{
    /// <summary>The account every sample event belongs to.</summary>
    public const string Account = "acme-shop";

    /// <summary>The end of the sample events' time span, and the validator's "now".</summary>
    public static readonly DateTime Now = new(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc);

    private const int Seed = 20260315;

    private static readonly string[] Paths =
    [
        "/", "/pricing", "/about", "/contact", "/cart", "/checkout", "/checkout/payment", "/checkout/done",
        "/blog", "/blog/2026/counting-events", "/blog/2026/orleans-grains", "/docs", "/docs/getting-started",
        "/docs/api/events", "/docs/api/queries", "/search", "/account", "/account/orders", "/login", "/signup",
        "/products", "/products/shoes", "/products/shoes/trail-runner-2", "/products/shirts", "/products/shirts/linen-blue",
        "/products/bags", "/products/bags/weekender", "/sale", "/sale/spring", "/help", "/help/returns", "/help/shipping",
    ];

    private static readonly string[] Referrers =
    [
        "https://search.example/?q=trail+shoes", "https://social.example/post/81723", "https://news.example/tech", "direct",
    ];

    /// <summary>A validator whose clock stands at <see cref="Now"/>.</summary>
    public static EventValidator Validator() => new(new EventLimits(), new FixedClock(Now));

    /// <summary><paramref name="count"/> events as a client sends them, spread over the <paramref name="hours"/> hours before <see cref="Now"/>.</summary>
    public static List<EventInput> Inputs(int count, int hours = 1)
    {
        var random = new Random(Seed);
        var from = Now.AddHours(-hours);
        return Enumerable.Range(0, count).Select(_ => Input(random, from, hours)).ToList();
    }

    /// <summary>The same events as <see cref="Inputs"/>, validated: what the ingest grain receives.</summary>
    public static EventBatch Batch(int count, int hours = 1)
    {
        var errors = new List<FieldError>();
        var counted = Validator().ValidateAll(Inputs(count, hours), Now, errors);
        return errors.Count == 0
            ? new EventBatch(Account, [.. counted])
            : throw new InvalidOperationException($"The sample events must be valid: {errors[0]}");
    }

    private static EventInput Input(Random random, DateTime from, int hours)
    {
        var roll = random.NextDouble();
        var type = roll < 0.80 ? "pageview" : roll < 0.95 ? "click" : "order";
        var path = Paths[random.Next(Paths.Length)];
        return new EventInput
        {
            Account = Account,
            Type = type,
            Url = random.NextDouble() < 0.3 ? $"https://acme.example{path}?utm_source=news&utm_campaign=spring{random.Next(10)}" : path,
            UserId = $"user-{random.Next(5_000)}",
            Id = random.NextDouble() < 0.5 ? IdempotencyKey(random) : null,
            Timestamp = new DateTimeOffset(from.AddMilliseconds(random.NextDouble() * hours * 3_600_000)),
            Value = type == "order" ? Math.Round(random.NextDouble() * 200, 2) : null,
            Properties = random.NextDouble() < 0.3
                ? new Dictionary<string, string> { ["referrer"] = Referrers[random.Next(Referrers.Length)] }
                : null,
        };
    }

    private static string IdempotencyKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
