namespace Orleans.Counters.Grains;

/// <summary>What a parent period did with a <see cref="ChildReport"/>.</summary>
/// <param name="Taken">True when the parent took the report.</param>
/// <param name="HeldVersion">
/// The version the parent holds for the child's segment afterwards. A child whose report was not
/// taken sends its series again under a version above this one.
/// </param>
[GenerateSerializer, Immutable, Alias("counters.report-receipt")]
public sealed record ReportReceipt([property: Id(0)] bool Taken, [property: Id(1)] long HeldVersion);
