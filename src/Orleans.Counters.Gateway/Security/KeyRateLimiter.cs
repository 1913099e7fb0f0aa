using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// ASP.NET Core's rate limiter, one token bucket per key (per client address for requests without
/// a valid key). Over the limit: 429 problem+json with <c>Retry-After</c>.
/// </summary>
public static class KeyRateLimiter
{
    /// <summary>Registers the limiter.</summary>
    public static IServiceCollection AddKeyRateLimiter(this IServiceCollection services, RateLimitSettings limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitSettings limits)
    {
        var user = context.User;
        if (user.IsAdmin())
        {
            return RateLimitPartition.GetNoLimiter(KeyHolder.Admin);
        }

        if (user.KeyId() is { } keyId)
        {
            // An import key sends large batches, a few a second: the ingest key's bucket suits it.
            var limit = user.May(KeyKind.Ingest) || user.May(KeyKind.Import) ? limits.Ingest : limits.Read;
            return TokenBucket("key:" + keyId, limit);
        }

        return TokenBucket("address:" + context.Connection.RemoteIpAddress, limits.Anonymous);
    }

    private static RateLimitPartition<string> TokenBucket(string partition, RateLimitSettings.RateLimit limit) =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This key's rate limit is reached; retry after {seconds} s, or send events in batches. Nothing from this request was counted.",
            },
        });
    }
}
