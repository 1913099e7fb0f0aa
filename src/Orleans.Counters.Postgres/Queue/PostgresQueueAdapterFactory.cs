using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Builds the provider's adapter, cache (Orleans' simple queue cache), queue mapper and failure handler
/// around the provider's <see cref="PostgresEventQueue"/>.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly PostgresQueueAdapter _adapter;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly PostgresStreamQueueMapper _mapper;
    private readonly PostgresStreamFailureHandler _failureHandler;

    /// <summary>Creates the factory of the provider that <paramref name="queue"/> belongs to.</summary>
    public PostgresQueueAdapterFactory(PostgresEventQueue queue, SimpleQueueCacheOptions cacheOptions, ILoggerFactory loggerFactory, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _adapter = new PostgresQueueAdapter(queue, loggerFactory, clock ?? TimeProvider.System);
        _cache = new SimpleQueueAdapterCache(cacheOptions, queue.Name, loggerFactory);
        _mapper = new PostgresStreamQueueMapper(queue.Name, queue.Options.QueueCount);
        _failureHandler = new PostgresStreamFailureHandler(loggerFactory.CreateLogger<PostgresStreamFailureHandler>());
    }

    /// <summary>The factory of provider <paramref name="name"/>, for <c>AddPersistentStreams</c>.</summary>
    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new PostgresQueueAdapterFactory(
        services.GetRequiredKeyedService<PostgresEventQueue>(name),
        services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
        services.GetRequiredService<ILoggerFactory>(),
        services.GetService<TimeProvider>());

    /// <inheritdoc />
    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => Task.FromResult<IQueueAdapter>(_adapter);

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failureHandler);
}
