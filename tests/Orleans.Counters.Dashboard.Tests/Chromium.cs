namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// Debian's headless chromium, driven by Playwright. Playwright's own browser downloads are never
/// used (they cannot be fetched here): the tests need <c>/usr/bin/chromium</c>. Outside CI a machine
/// without it skips them, saying how to install it; in CI (<c>CI=true</c>) they fail instead.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser; call <see cref="Require"/> first.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Call Require() first.");

    /// <summary>Skips the calling test outside CI when chromium is missing; fails it in CI.</summary>
    public void Require()
    {
        if (_browser is not null)
        {
            return;
        }

        var reason = $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium, as .ci/run does) to run the dashboard's browser tests.";
        Skip.If(Environment.GetEnvironmentVariable("CI") is not "true", reason);
        throw new InvalidOperationException(reason);
    }

    /// <summary>A fresh browser context (its own storage, so keys do not carry over) of the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        Require();
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
            // Not the accounts' zones: the page must show the account's calendar, whatever the browser's.
            TimezoneId = "America/Los_Angeles",
            ColorScheme = ColorScheme.Light,
            DeviceScaleFactor = 2,
        });
        return await context.NewPageAsync();
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
