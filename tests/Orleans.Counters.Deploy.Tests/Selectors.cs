namespace Orleans.Counters.Deploy.Tests;

/// <summary>Label selectors as Kubernetes applies them.</summary>
public static class Selectors
{
    /// <summary>Whether a label selector (match labels and expressions) selects pods with these labels.</summary>
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var matchLabels = selector.MatchLabels ?? new Dictionary<string, string>();
        var expressions = selector.MatchExpressions ?? [];
        if (matchLabels.Count == 0 && expressions.Count == 0)
        {
            // An empty selector selects everything: never what a manifest here means.
            return false;
        }

        return matchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
            && expressions.All(expression => expression.OperatorProperty switch
            {
                "In" => labels.TryGetValue(expression.Key, out var value) && expression.Values.Contains(value),
                "NotIn" => !labels.TryGetValue(expression.Key, out var value) || !expression.Values.Contains(value),
                "Exists" => labels.ContainsKey(expression.Key),
                "DoesNotExist" => !labels.ContainsKey(expression.Key),
                _ => throw new InvalidOperationException($"Unknown operator {expression.OperatorProperty}."),
            });
    }

    /// <summary>Whether a Service-style selector (labels only) selects pods with these labels.</summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        Matches(new V1LabelSelector { MatchLabels = selector }, labels);
}
