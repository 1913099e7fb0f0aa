using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// Describes the ways a request carries its key (<see cref="KeyAuthenticationHandler"/>): a bearer token,
/// Basic with the key as the password, or the <c>key</c> query parameter; and marks the operations
/// that need one. Keys are required once <c>Counters:Security:AdminKey</c> is set.
/// </summary>
public sealed class KeySchemes : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme of <c>Authorization: Bearer KEY</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>The scheme of <c>Authorization: Basic</c>, the key as the password.</summary>
    public const string Basic = "basic";

    /// <summary>The scheme of <c>?key=KEY</c>.</summary>
    public const string Query = "key";

    private const string WhenRequired = " Keys are required once the gateway has an admin key (Counters:Security:AdminKey); without one it runs open.";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer KEY, with an admin, ingest or read key." + WhenRequired,
        };
        document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "Authorization: Basic, the key as the password (any user name)." + WhenRequired,
        };
        document.Components.SecuritySchemes[Query] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = KeyAuthenticationHandler.QueryParameter,
            Description = "?key=KEY, for clients that cannot set headers (a page's sendBeacon)." + WhenRequired,
        };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (ApiAnswers.NeedsKey(context.Description.ActionDescriptor.EndpointMetadata))
        {
            // Alternatives: any one of them carries the key.
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Query, context.Document)] = [] },
            ];
        }

        return Task.CompletedTask;
    }
}
