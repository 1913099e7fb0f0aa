namespace Orleans.Counters.Hosting.Operations;

/// <summary>The silo process's HTTP port, for health probes and metrics. Section <c>Counters:Silo</c>.</summary>
public sealed class SiloHttpSettings
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

    /// <summary>Reads the section; throws on a port out of range.</summary>
    public static SiloHttpSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<SiloHttpSettings>() ?? new SiloHttpSettings();
        if (settings.HttpPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{Section}:{nameof(HttpPort)} is {settings.HttpPort}: give a TCP port, or 0 for any free one.");
        }

        return settings;
    }
}
