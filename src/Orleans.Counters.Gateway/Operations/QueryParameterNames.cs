using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// Names query parameters as clients send them, in camelCase: a query record's property <c>Type</c> is
/// the parameter <c>type</c> (minimal APIs bind it case-insensitively, but a generated client sends the
/// name the document gives, and the strict query check reports names as sent).
/// </summary>
public sealed class QueryParameterNames : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name && char.IsUpper(name[0]))
            {
                parameter.Name = char.ToLowerInvariant(name[0]) + name[1..];
            }
        }

        return Task.CompletedTask;
    }
}
