namespace Orleans.Counters.Bench.Reporting;

/// <summary>Collects the figures of a run; a figure whose scenario failed is left out, a ratio whose baseline failed too.</summary>
public sealed class FigureSet
{
    private readonly List<Figure> _figures = [];

    /// <summary>The figures in the order they were added.</summary>
    public IReadOnlyList<Figure> All => _figures;

    /// <summary>Adds a figure with no baseline (a baseline itself); returns it, or null when there is no value.</summary>
    public Figure? Add(string name, double? value, string unit) => Compare(name, value, unit, baseline: null);

    /// <summary>Adds a figure compared with a baseline figure of the same run.</summary>
    public Figure? Compare(string name, double? value, string unit, Figure? baseline, Target? target = null)
    {
        if (value is not { } measured)
        {
            return null;
        }

        var rounded = Round(measured, unit);
        double? ratio = baseline is { Value: > 0 } b ? Math.Round(rounded / b.Value, 3) : null;
        var figure = new Figure(name, rounded, unit, baseline?.Name, baseline?.Value, ratio) { Target = target };
        _figures.Add(figure);
        return figure;
    }

    private static double Round(double value, string unit) => Math.Round(value, Units.Decimals(unit));
}
