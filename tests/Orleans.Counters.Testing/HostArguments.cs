using System.Globalization;

namespace Orleans.Counters.Testing;

/// <summary>
/// The command line of a silo or a gateway that tests and the bench start: its own ports (from
/// <see cref="FreePort"/>, so it never meets another run's), cluster, storage and settings, as
/// <c>--key value</c> pairs in the order added (later ones win for the same key).
/// </summary>
public sealed class HostArguments
{
    private readonly List<string> _arguments = [];

    /// <summary>The silo-to-silo port, once set.</summary>
    public int? SiloPort { get; private set; }

    /// <summary>The Orleans client (gateway) port of the silo, once set.</summary>
    public int? GatewayPort { get; private set; }

    /// <summary>The silo process's health and metrics port, once set.</summary>
    public int? HttpPort { get; private set; }

    /// <summary>Where a gateway listens, once set.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The silo's health and metrics address (<c>http://127.0.0.1:{HttpPort}</c>).</summary>
    public Uri SiloHttp => new($"http://127.0.0.1:{HttpPort ?? throw new InvalidOperationException("No Counters:Silo:HttpPort set.")}");

    /// <summary>A default-mode gateway (its silo in-process, counts in memory) listening on <paramref name="url"/>.</summary>
    public static HostArguments Gateway(Uri url) => new HostArguments().Urls(url).OrleansPorts();

    /// <summary>A default-mode gateway on a free loopback port.</summary>
    public static HostArguments Gateway() => Gateway(FreeUrl());

    /// <summary>A memory-mode silo process, its health and metrics on a port of its own.</summary>
    public static HostArguments Silo() => new HostArguments().OrleansPorts().SiloHttpPort();

    /// <summary>
    /// A PostgreSQL-mode silo (silo-config/silo.postgres.json) of cluster <paramref name="clusterId"/>:
    /// 40 connections at most, advertising loopback, its own Orleans and HTTP ports.
    /// </summary>
    public static HostArguments PostgresSilo(string connectionString, string clusterId) =>
        new HostArguments().Config("silo-config/silo.postgres.json").Cluster(clusterId)
            .ConnectionString(connectionString, maxPoolSize: 40)
            .OrleansPorts().AdvertiseLoopback().SiloHttpPort();

    /// <summary>A PostgreSQL-mode gateway (silo-config/gateway.postgres.json), an Orleans client of cluster <paramref name="clusterId"/>, 10 connections at most.</summary>
    public static HostArguments PostgresGateway(string connectionString, string clusterId, Uri url) =>
        new HostArguments().Config("silo-config/gateway.postgres.json").Cluster(clusterId)
            .ConnectionString(connectionString, maxPoolSize: 10)
            .Urls(url);

    /// <summary>A fresh loopback URL for a gateway to listen on.</summary>
    public static Uri FreeUrl() => new($"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>Adds <c>--config {path}</c>, a settings file (relative to the working directory).</summary>
    public HostArguments Config(string path) => Add("--config", path);

    /// <summary>Sets the cluster id and the service id (grain state is keyed by it) both to <paramref name="id"/>.</summary>
    public HostArguments Cluster(string id) => Set("Counters:Cluster:ClusterId", id).Set("Counters:Cluster:ServiceId", id);

    /// <summary>The silo's silo-to-silo and gateway ports, free ones.</summary>
    public HostArguments OrleansPorts()
    {
        SiloPort = FreePort.Next();
        GatewayPort = FreePort.Next();
        return Set("Counters:Cluster:SiloPort", SiloPort.Value).Set("Counters:Cluster:GatewayPort", GatewayPort.Value);
    }

    /// <summary>The silo process's health and metrics port: each silo on this machine needs its own.</summary>
    public HostArguments SiloHttpPort()
    {
        HttpPort = FreePort.Next();
        return Set("Counters:Silo:HttpPort", HttpPort.Value);
    }

    /// <summary>Advertises 127.0.0.1 to the cluster: every process runs on loopback.</summary>
    public HostArguments AdvertiseLoopback() => Set("Counters:Cluster:AdvertisedAddress", "127.0.0.1");

    /// <summary>The PostgreSQL connection string, with a pool limit and a 30 s connect timeout for a busy machine.</summary>
    public HostArguments ConnectionString(string connectionString, int maxPoolSize) =>
        Set("ConnectionStrings:Counters", $"{connectionString};Maximum Pool Size={maxPoolSize.ToString(CultureInfo.InvariantCulture)};Timeout=30");

    /// <summary>Where the gateway listens (<c>--urls</c>).</summary>
    public HostArguments Urls(Uri url)
    {
        Url = url;
        return Add("--urls", url.ToString());
    }

    /// <summary>Sets a configuration key, such as <c>Counters:Streams</c>.</summary>
    public HostArguments Set(string key, string value) => Add("--" + key, value);

    /// <summary>Sets a configuration key to a number.</summary>
    public HostArguments Set(string key, int value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds arguments as they are, such as more <c>--key value</c> settings.</summary>
    public HostArguments Add(params IEnumerable<string> arguments)
    {
        _arguments.AddRange(arguments);
        return this;
    }

    /// <summary>The command line.</summary>
    public string[] ToArray() => [.. _arguments];
}
