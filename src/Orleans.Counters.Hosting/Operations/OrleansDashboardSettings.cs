namespace Orleans.Counters.Hosting.Operations;

/// <summary>The Orleans dashboard (Microsoft.Orleans.Dashboard), served by the gateway. Section <c>Counters:Dashboard</c>.</summary>
public sealed class OrleansDashboardSettings : ICountersOptions<OrleansDashboardSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Dashboard";

    /// <summary>The key that turns it off.</summary>
    public const string EnabledKey = $"{Section}:{nameof(Enabled)}";

    /// <summary>
    /// Every silo and the gateway read it, and must agree. On (the default), each silo collects
    /// statistics for it every second and profiles grain calls while it is watched.
    /// </summary>
    public bool Enabled { get; set; } = true;

    static string ICountersOptions<OrleansDashboardSettings>.Section => Section;

    /// <summary>True unless <see cref="EnabledKey"/> says false.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetCountersOptions<OrleansDashboardSettings>().Enabled;
}
