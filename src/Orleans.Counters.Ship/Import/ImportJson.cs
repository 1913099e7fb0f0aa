using System.Text.Json;

namespace Orleans.Counters.Ship.Import;

/// <summary>The JSON settings of the state file: camelCase.</summary>
internal static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
