namespace Orleans.Counters.Grains.Admission;

/// <summary>The URL, referrer and property value series a year of an account has admitted, by fingerprint.</summary>
[GenerateSerializer, Alias("counters.series-admission-state")]
public sealed class SeriesAdmissionState
{
    /// <summary>The URL series admitted, of all types together.</summary>
    [Id(0)] public HashSet<SeriesFingerprint> Urls { get; set; } = [];

    /// <summary>The referrer series admitted, of all types together.</summary>
    [Id(1)] public HashSet<SeriesFingerprint> Referrers { get; set; } = [];

    /// <summary>The property value series admitted, of all types and properties together.</summary>
    [Id(2)] public HashSet<SeriesFingerprint> PropertyValues { get; set; } = [];
}
