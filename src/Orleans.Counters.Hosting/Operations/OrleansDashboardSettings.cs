namespace Orleans.Counters.Hosting.Operations;

/// <summary>The Orleans dashboard (Microsoft.Orleans.Dashboard), served by the gateway. Section <c>Counters:Dashboard</c>.</summary>
public static class OrleansDashboardSettings
{
    /// <summary>
    /// The key that turns it off: every silo and the gateway read it, and must agree. On (the
    /// default), each silo collects statistics for it every second and profiles grain calls while it is watched.
    /// </summary>
    public const string EnabledKey = "Counters:Dashboard:Enabled";

    /// <summary>True unless <see cref="EnabledKey"/> says false.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, defaultValue: true);
}
