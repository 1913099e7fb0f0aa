namespace Orleans.Counters.Ship.Sending;

/// <summary>Joins JSON values that are already written into one array, without parsing them again.</summary>
public static class JsonArray
{
    /// <summary>The size in bytes of the array of <paramref name="count"/> values whose bytes add up to <paramref name="valueBytes"/>.</summary>
    public static long Size(int count, long valueBytes) => 2 + valueBytes + Math.Max(0, count - 1);

    /// <summary><c>[v1,v2,…]</c>.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> values)
    {
        var body = new byte[Size(values.Count, values.Sum(v => (long)v.Length))];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            values[i].CopyTo(body, at);
            at += values[i].Length;
        }

        body[at] = (byte)']';
        return body;
    }
}
