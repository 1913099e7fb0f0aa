using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Orleans' deep copiers for the grains' state types, as a silo has them.</summary>
internal static class Copiers
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    /// <summary>The copier of <typeparamref name="T"/>.</summary>
    public static DeepCopier<T> For<T>() => Services.GetRequiredService<DeepCopier<T>>();
}
