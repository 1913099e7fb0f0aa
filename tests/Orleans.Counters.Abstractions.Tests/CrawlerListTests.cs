using System.Diagnostics;
using Orleans.Counters.Bots;
using Orleans.Counters.Testing;
using Xunit.Abstractions;

namespace Orleans.Counters.Abstractions.Tests;

public sealed class CrawlerListTests(ITestOutputHelper output)
{
    private static readonly CrawlerList Shipped = CrawlerList.Load(ShippedPath);

    private static string ShippedPath => Path.Combine(RepositoryPaths.Root, "silo-config", "crawlers.txt");

    private static readonly string[] BotAgents =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)",
        "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)",
        "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
        "CCBot/2.0 (https://commoncrawl.org/faq/)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
        "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
        "kube-probe/1.29",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Go-http-client/2.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
        "Mozilla/5.0 (compatible; SomeNewCrawler/0.9)",
        "Mozilla/5.0 (compatible; a-bot-we-never-heard-of/1.0)",
    ];

    private static readonly string[] BrowserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; CUBOT P40) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 9; CUBOT_X19 Build/PPR1.180610.011) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.108;FBBV/617297744]",
        // A native app's HTTP client sends the events of a real user.
        "okhttp/4.12.0",
    ];

    public static TheoryData<string> Bots() => new(BotAgents);

    public static TheoryData<string> Browsers() => new(BrowserAgents);

    [Fact]
    public void TheShippedList_Loads()
    {
        Assert.InRange(Shipped.PatternCount, 30, 200);
        Assert.Equal(1, Shipped.ExceptionCount);
    }

    [Theory]
    [MemberData(nameof(Bots))]
    public void KnownBots_AreBots(string userAgent) => Assert.True(Shipped.IsBot(userAgent));

    [Theory]
    [MemberData(nameof(Browsers))]
    public void Browsers_AreNotBots(string userAgent) => Assert.False(Shipped.IsBot(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AMissingUserAgent_IsNotABot(string? userAgent) => Assert.False(Shipped.IsBot(userAgent));

    [Fact]
    public void CommentsBlankLinesAndSpaces_AreSkipped()
    {
        var list = CrawlerList.Parse("# bots\r\n\r\n   \r\n  examplebot  \r\n\t# indented comment\r\n^probe/\r\n");

        Assert.Equal(2, list.PatternCount);
        Assert.True(list.IsBot("Mozilla/5.0 (compatible; ExampleBot/1.0)"));
        Assert.True(list.IsBot("probe/2"));
        Assert.False(list.IsBot("my probe/2"));
        Assert.False(list.IsBot("# bots"));
    }

    [Fact]
    public void Patterns_IgnoreCase()
    {
        var list = CrawlerList.Parse("GoogleBot");

        Assert.True(list.IsBot("GOOGLEBOT/2.1"));
        Assert.True(list.IsBot("googlebot/2.1"));
    }

    [Fact]
    public void AnException_WinsOverABotPattern()
    {
        var list = CrawlerList.Parse("bot\\b\n! \\bcubot\\b");

        Assert.Equal(1, list.PatternCount);
        Assert.Equal(1, list.ExceptionCount);
        Assert.True(list.IsBot("somebot/1.0"));
        Assert.False(list.IsBot("Android 10; CUBOT P40"));
    }

    [Fact]
    public void AnEmptyList_HasNoBots()
    {
        Assert.False(CrawlerList.Parse("# nothing yet\n").IsBot("Googlebot"));
        Assert.False(CrawlerList.Empty.IsBot("Googlebot"));
    }

    [Theory]
    [InlineData("bot\n# fine\n(unclosed\n", 3)]
    [InlineData("bot\ncrawl[\n", 2)]
    [InlineData("(a)\\1", 1)]
    [InlineData("bot\n\n(?<=x)y", 3)]
    [InlineData("ok\n.*", 2)]
    [InlineData("ok\n!", 2)]
    public void ABadLine_IsReportedWithItsNumber(string text, int line)
    {
        var error = Assert.Throws<FormatException>(() => CrawlerList.Parse(text, "crawlers.txt"));

        Assert.Contains($"crawlers.txt, line {line}:", error.Message, StringComparison.Ordinal);
        output.WriteLine(error.Message);
    }

    [Fact]
    public void ManyDistinctUserAgents_AreStillJudgedRight()
    {
        var list = CrawlerList.Parse("bot\\b");

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                Assert.True(list.IsBot("Somebot/" + suffix));
                Assert.False(list.IsBot("Mozilla/5.0 Chrome/" + suffix));
            }
        }
    }
}
