using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// Describes in the OpenAPI document the body of an endpoint that reads its body itself (to name each
/// refused field, to take what a web page's beacon sends). Unlike <c>.Accepts&lt;T&gt;()</c>, it leaves
/// routing alone: <c>.Accepts</c> makes the router answer 415 to any other Content-Type, which the
/// endpoints take (<c>text/plain</c> from <c>sendBeacon</c>, <c>+json</c> types, none at all).
/// </summary>
public sealed class RequestBodies : IOpenApiOperationTransformer
{
    /// <summary>An endpoint's body: <see cref="Type"/> (or an array of it) in <see cref="ContentTypes"/>.</summary>
    public sealed record Description(Type Type, bool IsArray, string[] ContentTypes);

    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Description>().LastOrDefault() is not { } body || context.Document is not { } document)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, parameterDescription: null, cancellationToken);
        document.AddComponent(body.Type.Name, schema);
        IOpenApiSchema named = new OpenApiSchemaReference(body.Type.Name, document);
        var described = body.IsArray ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = named } : named;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = described }),
        };
    }
}

/// <summary>Declares the body an endpoint reads itself, for <see cref="RequestBodies"/>.</summary>
public static class RequestBodyExtensions
{
    /// <summary>The endpoint's body is a <typeparamref name="T"/> in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.WithMetadata(new RequestBodies.Description(typeof(T), IsArray: false, contentTypes));

    /// <summary>The endpoint's body is an array of <typeparamref name="T"/> in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder ReadsArrayOf<T>(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.WithMetadata(new RequestBodies.Description(typeof(T), IsArray: true, contentTypes));
}
