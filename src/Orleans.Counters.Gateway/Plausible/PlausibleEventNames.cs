namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// A Plausible event name as an event type. Plausible's names are free text (<c>Outbound Link: Click</c>), a type
/// is 1–64 characters of A–Z, a–z, 0–9, '.', '_' and '-': every other character becomes '_', and a longer name is
/// cut, so that each name always gives the same type (<c>Outbound_Link__Click</c>).
/// </summary>
public static class PlausibleEventNames
{
    /// <summary>The type a name counts as.</summary>
    public static string TypeOf(string name)
    {
        var type = string.Create(Math.Min(name.Length, EventLimits.MaxNameLength), name, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var c = source[i];
                chars[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_';
            }
        });
        return type;
    }
}
