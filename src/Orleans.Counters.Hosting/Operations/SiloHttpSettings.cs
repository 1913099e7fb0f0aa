namespace Orleans.Counters.Hosting.Operations;

/// <summary>The silo process's HTTP port, for health probes and metrics. Section <c>Counters:Silo</c>.</summary>
public sealed class SiloHttpSettings : ICountersOptions<SiloHttpSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Silo";

    /// <summary>The port served when none is configured: beside the gateway's 8080 in containers.</summary>
    public const int DefaultHttpPort = 8081;

    /// <summary>
    /// The port <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> are served on, on every
    /// address; <c>0</c> lets the system pick a free one (written to the log), for several silos on one machine.
    /// </summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    static string ICountersOptions<SiloHttpSettings>.Section => Section;

    static IValidateOptions<SiloHttpSettings>? ICountersOptions<SiloHttpSettings>.CreateValidator(string sectionPath) => new SiloHttpSettingsValidator();
}
