namespace Orleans.Counters.Gateway.Plausible;

/// <summary>The <c>revenue</c> of a Plausible event, for the OpenAPI document.</summary>
public sealed class PlausibleRevenue
{
    /// <summary>The amount, a number (or a decimal string).</summary>
    public required double Amount { get; init; }

    /// <summary>The currency: kept as the property <c>currency</c>.</summary>
    public string? Currency { get; init; }
}
