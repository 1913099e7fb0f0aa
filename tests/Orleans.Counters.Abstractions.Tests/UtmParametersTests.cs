namespace Orleans.Counters.Abstractions.Tests;

public sealed class UtmParametersTests
{
    private static readonly EventValidator Validator = new(new EventLimits(), TimeProvider.System);

    [Fact]
    public void TheFiveCampaignParameters_AreTaken_DecodedAndInOrderOfTheQuery()
    {
        var utm = UtmParameters.Of("https://shop.example/p?utm_campaign=black+friday&x=1&UTM_SOURCE=news%20letter&utm_medium=email&utm_term=shoes&utm_content=hero#top");

        Assert.Equal(
            [new("utm_campaign", "black friday"), new("utm_source", "news letter"), new("utm_medium", "email"), new("utm_term", "shoes"), new("utm_content", "hero")],
            utm);
    }

    [Theory]
    [InlineData("/p")]
    [InlineData("/p?utm_source=")]
    [InlineData("/p?utm_source")]
    [InlineData("/p?utm_sourcex=a")]
    [InlineData("/p#utm_source=a")]
    [InlineData("/p?utm_source=%00")]
    public void NothingIsTaken_WhenThereIsNoUsableValue(string url)
    {
        Assert.Empty(UtmParameters.Of(url));
    }

    [Fact]
    public void ARepeatedParameter_CountsItsFirstValue_AndALongOneIsCut()
    {
        var utm = UtmParameters.Of("/p?utm_source=a&utm_source=b&utm_term=" + new string('t', EventLimits.MaxPropertyValueLength + 10));

        Assert.Equal("a", utm.Single(p => p.Key == "utm_source").Value);
        Assert.Equal(EventLimits.MaxPropertyValueLength, utm.Single(p => p.Key == "utm_term").Value.Length);
    }

    [Fact]
    public void AValidatedEvent_CarriesTheUrlsCampaign_AsProperties_ThoseSentWinning()
    {
        var input = new EventInput
        {
            Account = "acme",
            Type = "pageview",
            Url = "https://shop.example/landing?utm_source=news&utm_medium=email",
            Properties = new Dictionary<string, string> { ["utm_source"] = "sent", ["plan"] = "pro" },
        };

        var counted = Validator.Validate(input, 0, DateTime.UtcNow, new List<FieldError>());

        Assert.NotNull(counted);
        Assert.Equal("/landing", counted.Url);
        Assert.Equal("sent", counted.Properties!["utm_source"]);
        Assert.Equal("email", counted.Properties["utm_medium"]);
        Assert.Equal("pro", counted.Properties["plan"]);
    }
}
