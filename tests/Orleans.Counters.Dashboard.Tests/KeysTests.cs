namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// The dashboard of a gateway that asks for keys: the page loads without one, a read key in the
/// URL fragment or typed into its prompt opens its account, the admin key opens <c>all</c>. The
/// account is in Asia/Kolkata, so its days are not UTC's.
/// </summary>
[Trait("Category", "Slow")]
public sealed class KeysTests(KeysFixture keys) : IClassFixture<KeysFixture>
{
    [Fact]
    public async Task WithKeys_ThePageAndItsAssetsNeedNone_ButTheApiDoes()
    {
        using var anonymous = new HttpClient { BaseAddress = keys.Address };
        foreach (var path in new[] { "/dashboard/acme", "/dashboard/all", "/dashboard/assets/dashboard.js", "/dashboard/assets/dashboard.css" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var api = await anonymous.GetAsync($"/api/stats/{KeysFixture.Account}/realtime");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [SkippableFact]
    public async Task WithKeys_AReadKeyInTheFragment_OpensItsAccountInItsTimeZone_AndLeavesTheAddressBar()
    {
        keys.Chromium.Require();
        var page = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, KeysFixture.Account + "?period=2025-03-14", "key=" + keys.ReadKey);

        Assert.Equal($"Time zone {KeysFixture.Zone}", await page.ById("time-zone").InnerTextAsync());
        Assert.DoesNotContain(keys.ReadKey, page.Page.Url, StringComparison.Ordinal);
        var day = Period.Day(2025, 3, 14, KeysFixture.Zone);
        var expected = keys.Traffic.Segments("pageview", day);
        var shown = await page.SegmentsAsync();
        Assert.Equal(day.SegmentCount, shown.Count);
        Assert.Equal(expected, shown.Select(s => s.Count));
        Assert.Equal(expected.Sum(), await page.NumberAsync("total"));
        Assert.Equal("2025-03-13 18:30 to 2025-03-14 18:30 UTC", await page.ById("period-range").InnerTextAsync());
        await page.ScreenshotAsync("keys-kolkata-day");
    }

    [SkippableFact]
    public async Task WithKeys_WithoutAKey_ThePageAsks_RefusesAWrongKey_AndOpensWithTheReadKey()
    {
        keys.Chromium.Require();
        var page = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, KeysFixture.Account + "?period=2025", waitForPeriod: false);
        await Assertions.Expect(page.ById("key-dialog")).ToBeVisibleAsync();
        await page.ScreenshotAsync("keys-prompt");

        await page.ById("key-input").FillAsync("ocr_not-a-key");
        await page.ById("key-submit").ClickAsync();
        await Assertions.Expect(page.ById("key-error")).ToContainTextAsync("That key was refused");

        await page.ById("key-input").FillAsync(keys.ReadKey);
        await page.ById("key-submit").ClickAsync();
        await page.WaitForPeriodAsync("pageview/2025");
        Assert.True(await page.ById("key-dialog").IsHiddenAsync());
        var year = Period.Year(2025, KeysFixture.Zone);
        Assert.Equal(keys.Traffic.In("pageview", year.Start, year.End).Count(), await page.NumberAsync("total"));
    }

    [SkippableFact]
    public async Task WithKeys_TheAdminKeyOpensAll_AndAReadKeyDoesNot()
    {
        keys.Chromium.Require();
        var page = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, "all?period=2025", "key=" + KeysFixture.AdminKey);

        var year = Period.Year(2025);
        Assert.Equal(keys.Traffic.In("pageview", year.Start, year.End).Count(), await page.NumberAsync("total"));
        Assert.Equal("Time zone UTC", await page.ById("time-zone").InnerTextAsync());
        await Assertions.Expect(page.ById("top-pages")).ToContainTextAsync("Not counted across accounts");

        var refused = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, "all", "key=" + keys.ReadKey, waitForPeriod: false);
        await Assertions.Expect(refused.ById("key-error")).ToContainTextAsync("admin key");
    }

    [SkippableFact]
    public async Task WithTheAdminKey_TheAccountPickerListsTheAccounts_AndOpensOne_AndAReadKeySeesNone()
    {
        keys.Chromium.Require();
        var page = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, "all?period=2025", "key=" + KeysFixture.AdminKey);

        await Assertions.Expect(page.ById("account-picker-box")).ToBeVisibleAsync();
        var options = await page.ById("account-picker").Locator("option").AllInnerTextsAsync();
        Assert.Equal("All accounts", options[0]);
        Assert.Contains(KeysFixture.Account, options);

        await page.ById("account-picker").SelectOptionAsync(KeysFixture.Account);
        await page.Page.WaitForURLAsync($"**/dashboard/{KeysFixture.Account}**");
        await page.WaitForPeriodAsync(null);
        Assert.Equal(KeysFixture.Account, await page.ById("account").InnerTextAsync());
        Assert.Equal($"Time zone {KeysFixture.Zone}", await page.ById("time-zone").InnerTextAsync());

        var reader = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, KeysFixture.Account, "key=" + keys.ReadKey);
        Assert.True(await reader.ById("account-picker-box").IsHiddenAsync());
    }

    [SkippableFact]
    public async Task AnAccountWithNoEvents_ShowsHowToSendOne_AndOneWithEventsDoesNot()
    {
        keys.Chromium.Require();
        var empty = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, "newcomer", "key=" + KeysFixture.AdminKey);
        await Assertions.Expect(empty.ById("no-events")).ToBeVisibleAsync();
        await Assertions.Expect(empty.ById("no-events")).ToContainTextAsync("\"account\":\"newcomer\"");
        await empty.ScreenshotAsync("no-events-hint");

        var counted = await DashboardPage.OpenAsync(await keys.Chromium.NewPageAsync(), keys.Address, KeysFixture.Account, "key=" + keys.ReadKey);
        Assert.True(await counted.ById("no-events").IsHiddenAsync());
    }
}
