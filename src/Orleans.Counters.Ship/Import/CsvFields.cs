namespace Orleans.Counters.Ship.Import;

/// <summary>
/// Splits one CSV row (RFC 4180: comma-separated, a field in double quotes may hold commas and doubled
/// quotes). A row is one line: a quoted field cannot span lines, so that each event keeps its line number.
/// </summary>
public static class CsvFields
{
    /// <summary>The fields of a row; false, with the reason, when a quote is not closed or stray.</summary>
    public static bool TrySplit(string row, out List<string> fields, out string? problem)
    {
        fields = [];
        problem = null;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < row.Length && row[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= row.Length)
                    {
                        problem = $"field {fields.Count + 1} opens a quote that the line does not close";
                        return false;
                    }

                    if (row[i] == '"')
                    {
                        if (i + 1 < row.Length && row[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(row[i++]);
                }

                if (i < row.Length && row[i] != ',')
                {
                    problem = $"field {fields.Count + 1} has text after its closing quote";
                    return false;
                }
            }
            else
            {
                var end = row.IndexOf(',', i);
                var text = end < 0 ? row[i..] : row[i..end];
                if (text.Contains('"'))
                {
                    problem = $"field {fields.Count + 1} has a quote inside it: quote the whole field and double the quote";
                    return false;
                }

                field.Append(text);
                i = end < 0 ? row.Length : end;
            }

            fields.Add(field.ToString());
            if (i >= row.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }
}
