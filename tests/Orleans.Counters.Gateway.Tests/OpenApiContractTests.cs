using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> is a contract a client can be generated from: every body has a schema, each
/// operation lists the answers it really gives (checked against real answers of a gateway that requires
/// keys), no route has optional segments, and the ways to send a key are described.
/// </summary>
public sealed class OpenApiContractTests(KeysGatewayFixture gateway) : IClassFixture<KeysGatewayFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryRequestAndResponseBody_HasASchema()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            if (operation.TryGetProperty("requestBody", out var body))
            {
                Assert.All(body.GetProperty("content").EnumerateObject(), content => AssertSchema(name + " request " + content.Name, content.Value));
            }

            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name != "204"))
            {
                Assert.True(response.Value.TryGetProperty("content", out var contents), $"{name} {response.Name} has no content");
                Assert.All(contents.EnumerateObject(), content => AssertSchema($"{name} {response.Name} {content.Name}", content.Value));
                if (response.Name[0] is '4' or '5')
                {
                    Assert.True(contents.TryGetProperty("application/problem+json", out _), $"{name} {response.Name} is not problem+json");
                }
            }
        }
    }

    [Fact]
    public async Task TheBodiesAnEndpointReadsItself_AreDescribed()
    {
        var document = await DocumentAsync();

        Assert.Equal("#/components/schemas/EventRequest", RequestSchema(document, "/api/events", "post", "application/json").GetProperty("items").GetProperty("$ref").GetString());
        Assert.True(RequestSchema(document, "/api/events", "post", "application/x-ndjson").ValueKind == JsonValueKind.Object);
        Assert.Equal("#/components/schemas/PlausibleEventRequest", RequestSchema(document, "/api/event", "post", "application/json").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/CreateAccountRequest", RequestSchema(document, "/api/accounts", "post", "application/json").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/AccountSettingsRequest", RequestSchema(document, "/api/accounts/{account}/settings", "put", "application/json").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/IssueKeyRequest", RequestSchema(document, "/api/accounts/{account}/keys", "post", "application/json").GetProperty("$ref").GetString());
        var eventSchema = document.GetProperty("components").GetProperty("schemas").GetProperty("EventRequest");
        Assert.Equal(["type"], eventSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(eventSchema.GetProperty("properties").TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task NoOperation_AnswersOnlyItsSuccess_EachListsItsProblems()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(statuses, s => s[0] == '2');
            Assert.Contains("400", statuses);
            Assert.Contains("429", statuses);
            Assert.Contains("503", statuses);
            if (operation.TryGetProperty("security", out _))
            {
                Assert.Contains("401", statuses);
                Assert.Contains("403", statuses);
            }
        }
    }

    [Fact]
    public async Task TheKeyScheme_IsDescribed_AndRequiredWhereAKeyIs()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("basic", schemes.GetProperty("basic").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("key").GetProperty("type").GetString());
        Assert.Equal("query", schemes.GetProperty("key").GetProperty("in").GetString());
        Assert.Equal("key", schemes.GetProperty("key").GetProperty("name").GetString());
        var summary = Operation(document, "/api/stats/{account}/summary", "get");
        Assert.Equal(["bearer", "basic", "key"], summary.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        // Plausible's script sends no key: its endpoint is open.
        Assert.False(Operation(document, "/api/event", "post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task NoParameter_IsRequiredWhereItIsOptional_OptionalSegmentsAreRoutesOfTheirOwn()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/stats/track/{account}/{type}/{year}", paths);
        Assert.Contains("/api/stats/track/{account}/{type}/{year}/{month}", paths);
        Assert.Contains("/api/stats/track/{account}/{type}/{year}/{month}/{day}", paths);
        Assert.Contains("/api/stats/track/{account}/{type}/{year}/{month}/{day}/{hour}", paths);
        foreach (var (name, operation) in Operations(document))
        {
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : default)
            {
                var required = parameter.TryGetProperty("required", out var flag) && flag.GetBoolean();
                Assert.True(parameter.GetProperty("in").GetString() == "path" ? required : !required, $"{name}: {parameter}");
                Assert.Matches("^[a-z][A-Za-z]*$", parameter.GetProperty("name").GetString());
            }
        }

        // The routes themselves: an optional segment would be described as required.
        var optional = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.RoutePattern.Parameters.Where(p => p.IsOptional).Select(p => $"{e.RoutePattern.RawText}: {p.Name}"));
        Assert.Empty(optional);
    }

    [Fact]
    public async Task EveryAnswerARealRequestGets_IsDeclaredForItsOperation()
    {
        var document = await DocumentAsync();
        var (ingest, read) = await gateway.CreateAccountAsync("contract-a");
        await gateway.CreateAccountAsync("contract-b");
        using var ingestClient = gateway.With(ingest);
        using var readClient = gateway.With(read);
        // The read key makes fewer requests than its burst (KeysGatewayFixture.ReadBurst); the admin key is not limited.
        var requests = new (HttpClient Client, HttpMethod Method, string Path, HttpContent? Body, HttpStatusCode Expected)[]
        {
            (ingestClient, HttpMethod.Post, "/api/events", Json(new[] { new { type = "pageview" } }), HttpStatusCode.Accepted),
            (ingestClient, HttpMethod.Post, "/api/events", Json(new[] { new { type = "page view" } }), HttpStatusCode.BadRequest),
            (ingestClient, HttpMethod.Post, "/api/events", new StringContent("type,account", Encoding.UTF8, "text/csv"), HttpStatusCode.UnsupportedMediaType),
            (ingestClient, HttpMethod.Post, "/api/events", Json(new[] { new { account = "contract-b", type = "pageview" } }), HttpStatusCode.Forbidden),
            (gateway.Anonymous, HttpMethod.Post, "/api/events", Json(new[] { new { type = "pageview" } }), HttpStatusCode.Unauthorized),
            (readClient, HttpMethod.Get, "/api/stats/contract-a/summary?period=today", null, HttpStatusCode.OK),
            (readClient, HttpMethod.Get, "/api/stats/contract-a/summary?bogus=1", null, HttpStatusCode.BadRequest),
            (readClient, HttpMethod.Get, "/api/stats/contract-b/summary", null, HttpStatusCode.Forbidden),
            (gateway.Admin, HttpMethod.Get, "/api/stats/track/contract-a/pageview/2025", null, HttpStatusCode.OK),
            (gateway.Admin, HttpMethod.Get, "/api/stats/track/contract-a/pageview/2025/13", null, HttpStatusCode.BadRequest),
            (gateway.Admin, HttpMethod.Get, "/api/stats/contract-a/top?type=pageview", null, HttpStatusCode.OK),
            (gateway.Anonymous, HttpMethod.Get, "/api/stats/contract-a/timeseries?type=pageview", null, HttpStatusCode.Unauthorized),
            (gateway.Admin, HttpMethod.Post, "/api/accounts", Json(new { account = "contract-a" }), HttpStatusCode.Conflict),
            (gateway.Admin, HttpMethod.Get, "/api/accounts/contract-never/settings", null, HttpStatusCode.NotFound),
            (gateway.Admin, HttpMethod.Delete, "/api/accounts/contract-a/keys/no-such-key", null, HttpStatusCode.NotFound),
            (gateway.Admin, HttpMethod.Get, "/api/admin/dead-letters", null, HttpStatusCode.Conflict),
            (readClient, HttpMethod.Get, "/api/accounts", null, HttpStatusCode.Forbidden),
            (gateway.Anonymous, HttpMethod.Post, "/api/event", Json(new { name = "pageview" }), HttpStatusCode.BadRequest),
        };

        foreach (var (client, method, path, body, expected) in requests)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body });
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expected == response.StatusCode, $"{method} {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            var responses = OperationOf(document, method.Method.ToLowerInvariant(), path).GetProperty("responses");
            Assert.True(responses.TryGetProperty(status, out var declared), $"{method} {path} answered {status}, which its operation does not declare: {responses}");
            if (response.Content.Headers.ContentType?.MediaType is { } mediaType && response.Content.Headers.ContentLength != 0)
            {
                Assert.True(declared.GetProperty("content").TryGetProperty(mediaType, out _), $"{method} {path} answered {status} as {mediaType}, declared {declared}");
            }
        }
    }

    private async Task<JsonElement> DocumentAsync() => await gateway.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement RequestSchema(JsonElement document, string path, string method, string mediaType) =>
        Operation(document, path, method).GetProperty("requestBody").GetProperty("content").GetProperty(mediaType).GetProperty("schema");

    // The operation whose path template matches a request's path, fixed segments winning over parameters.
    private static JsonElement OperationOf(JsonElement document, string method, string requestPath)
    {
        var path = requestPath.Split('?')[0];
        var match = document.GetProperty("paths").EnumerateObject()
            .Where(p => Regex.IsMatch(path, "^" + Regex.Replace(p.Name, @"\{[^}]+\}", "[^/]+") + "$"))
            .OrderBy(p => p.Name.Count(c => c == '{'))
            .First(p => p.Value.TryGetProperty(method, out _));
        return match.Value.GetProperty(method);
    }

    private static void AssertSchema(string where, JsonElement content)
    {
        Assert.True(content.TryGetProperty("schema", out var schema), $"{where} has no schema");
        Assert.True(schema.EnumerateObject().Any(), $"{where} has an empty schema");
    }
}
