using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Orleans.Counters.Gateway.Dashboard;

/// <summary>
/// The dashboard's page, styles and scripts, embedded in the gateway's assembly: they are found
/// wherever the gateway runs from (<c>dotnet run</c>, a published folder, a test's process), with
/// no content root or static-files set-up to get wrong.
/// </summary>
public sealed class DashboardAssets
{
    /// <summary>The prefix of the assets' embedded resource names (see the project file).</summary>
    public const string ResourcePrefix = "Dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, Asset> _assets;

    private DashboardAssets(Dictionary<string, Asset> assets) => _assets = assets;

    /// <summary>Reads every embedded asset whose resource name starts with <paramref name="resourcePrefix"/> once.</summary>
    public static DashboardAssets Load(string resourcePrefix = ResourcePrefix)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .ToDictionary(name => name[resourcePrefix.Length..], name => Read(assembly, name), StringComparer.Ordinal);
        return new DashboardAssets(assets);
    }

    /// <summary>The names of the assets, such as <c>dashboard.js</c>.</summary>
    public IEnumerable<string> Names => _assets.Keys;

    /// <summary>
    /// Answers an asset, or 404 for a name that is none. The ETag lets a browser keep its copy and
    /// ask again cheaply; <c>no-cache</c> makes it ask, so a new gateway's assets are used at once.
    /// </summary>
    public Results<FileContentHttpResult, NotFound, StatusCodeHttpResult> Serve(string name, HttpContext context)
    {
        if (!_assets.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static Asset Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexString(SHA256.HashData(content))[..16] + "\"").ToString();
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return new Asset(content, contentType, etag);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
