namespace Orleans.Counters.Uniques;

/// <summary>
/// The dense form of a <see cref="UserSketch"/>: HyperLogLog with precision 14, one byte per
/// register, and Ertl's improved estimator ("New cardinality estimation algorithms for
/// HyperLogLog sketches", 2017, as Redis uses it). That estimator needs neither HyperLogLog++'s
/// empirical bias tables nor a switch to linear counting for small counts (its sigma term is
/// what linear counting approximates), and with 64-bit hashes no large-range correction applies.
/// </summary>
internal static class HyperLogLogRegisters
{
    /// <summary>Index bits taken from the top of the hash.</summary>
    public const int Precision = 14;

    /// <summary>The number of registers, 2^<see cref="Precision"/>, one byte each.</summary>
    public const int Count = 1 << Precision;

    /// <summary>The hash bits left after the index; a register holds at most this plus one.</summary>
    public const int RankBits = 64 - Precision;

    /// <summary>The largest value a register can take.</summary>
    public const byte MaxRank = RankBits + 1;

    // 1 / (2 ln 2): the limit of HyperLogLog's alpha for many registers, which Ertl's estimator uses.
    private const double AlphaInfinity = 0.72134752044448170368;

    /// <summary>Records <paramref name="hash"/> in <paramref name="registers"/>.</summary>
    public static void Add(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> RankBits);
        var rest = hash << Precision;
        var rank = rest == 0 ? MaxRank : (byte)(ulong.LeadingZeroCount(rest) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    /// <summary>Keeps in <paramref name="target"/> the larger of each pair of registers: the sketch of the union.</summary>
    public static void Merge(byte[] target, byte[] source)
    {
        for (var i = 0; i < Count; i++)
        {
            if (source[i] > target[i])
            {
                target[i] = source[i];
            }
        }
    }

    /// <summary>The estimated number of distinct hashes recorded in <paramref name="registers"/>.</summary>
    public static long Estimate(byte[] registers)
    {
        Span<int> histogram = stackalloc int[MaxRank + 1];
        foreach (var register in registers)
        {
            histogram[register]++;
        }

        const double m = Count;
        var z = m * Tau((m - histogram[MaxRank]) / m);
        for (var k = RankBits; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        return (long)Math.Round(AlphaInfinity * m * m / z);
    }

    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        double y = 1, z = x, previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    private static double Tau(double x)
    {
        if (x is 0 or 1)
        {
            return 0;
        }

        double y = 1, z = 1 - x, previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        }
        while (z != previous);
        return z / 3;
    }
}
