namespace Orleans.Counters.Abstractions.Tests;

/// <summary>
/// No string of an event may hold a control character or a lone surrogate: PostgreSQL refuses U+0000
/// and unpaired surrogates, and one such event would fail the whole group commit it lands in.
/// </summary>
public sealed class EventTextTests
{
    private static readonly DateTime Now = new(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<FieldError> _errors = [];

    // Theories take an index: xunit's serialisation of theory data would turn a lone surrogate into U+FFFD.
    private static readonly string[] Bad =
    [
        "a\0b",
        "\0",
        "a\u0001",
        "tab\there",
        "line\nbreak",
        "carriage\rreturn",
        "\u001f",
        "del\u007f",
        "c1\u0080",
        "c1\u009f",
        "lone \ud800 high",
        "lone \udc00 low",
        "ends high \ud83d",
        "reversed \ude00\ud83d",
    ];

    private static readonly string[] Good =
    [
        "plain",
        "café ünïcödé",
        "emoji \ud83d\ude00 pair",
        "\u00a0no-break space",
        "\u2028line separator is not Cc",
    ];

    public static TheoryData<int> BadTexts => [.. Enumerable.Range(0, Bad.Length)];

    public static TheoryData<int> GoodTexts => [.. Enumerable.Range(0, Good.Length)];

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void EventText_RefusesControlCharactersAndLoneSurrogates(int bad) => Assert.NotNull(EventText.Problem(Bad[bad]));

    [Theory]
    [MemberData(nameof(GoodTexts))]
    public void EventText_AcceptsOtherUnicodeText(int good) => Assert.Null(EventText.Problem(Good[good]));

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void BadText_IsRefusedInEveryStringField_NamingIt(int bad)
    {
        var text = Bad[bad];
        AssertRefused(Valid() with { Id = "id-" + text }, "id");
        AssertRefused(Valid() with { UserId = "u-" + text }, "userId");
        AssertRefused(Valid() with { UserAgent = "Mozilla/5.0 " + text }, "userAgent");
        AssertRefused(Valid() with { Url = "/page/" + text }, "url");
        AssertRefused(Valid() with { Url = "/page?q=" + text }, "url");
        AssertRefused(Valid() with { Account = "acme" + text }, "account");
        AssertRefused(Valid() with { Type = "page" + text }, "type");
        AssertRefused(Valid() with { Properties = new Dictionary<string, string> { ["ref"] = "v" + text } }, "properties.ref");
        AssertRefused(Valid() with { Properties = new Dictionary<string, string> { ["r" + text] = "v" } }, "properties");
    }

    [Theory]
    [MemberData(nameof(GoodTexts))]
    public void OtherUnicodeText_IsAcceptedInFreeTextFields(int good)
    {
        var text = Good[good];
        Assert.NotNull(Validate(Valid() with
        {
            Id = "id-" + text,
            UserId = "u-" + text,
            UserAgent = "Mozilla/5.0 " + text,
            Url = "/page/" + text,
            Properties = new Dictionary<string, string> { ["ref " + text] = "v " + text },
        }));
    }

    [Fact]
    public void NulInAnId_IsRefusedWithItsIndex()
    {
        Assert.Null(Validate(Valid() with { Id = "\0" }, index: 4));

        var error = Assert.Single(_errors);
        Assert.Equal((4, "id"), (error.Index, error.Field));
        Assert.Contains("control characters", error.Reason, StringComparison.Ordinal);
    }

    private static EventInput Valid() => new() { Account = "acme", Type = "pageview" };

    private CounterEvent? Validate(EventInput input, int index = 0) =>
        new EventValidator(new EventLimits(), new ManualClock(new DateTimeOffset(Now))).Validate(input, index, Now, _errors);

    private void AssertRefused(EventInput input, string field)
    {
        _errors.Clear();
        Assert.Null(Validate(input, index: 2));

        var error = Assert.Single(_errors);
        Assert.Equal((2, field), (error.Index, error.Field));
    }
}
