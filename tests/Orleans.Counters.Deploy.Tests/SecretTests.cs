using Npgsql;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>The example Secret holds every key the Deployments read from it, in a form the code accepts.</summary>
public sealed class SecretTests
{
    [Fact]
    public void EverySecretReference_NamesAKeyOfTheExampleSecret()
    {
        var secret = Manifests.All.Secret;
        var references = Manifests.All.Deployments
            .SelectMany(d => d.Spec.Template.Spec.Containers)
            .SelectMany(c => c.Env ?? [])
            .Select(variable => variable.ValueFrom?.SecretKeyRef)
            .OfType<V1SecretKeySelector>()
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            Assert.Equal(secret.Metadata.Name, reference.Name);
            Assert.NotNull(ContainerEnvironment.SecretValue(secret, reference.Key));
            Assert.NotEqual(true, reference.Optional);
        });
    }

    [Fact]
    public void TheConnectionString_IsAnNpgsqlOne_ReadBySilosAndGateways()
    {
        foreach (var role in new[] { Role.Silo, Role.Gateway })
        {
            var connectionString = CountersSettings.From(role.Configuration).ConnectionString;
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            Assert.False(string.IsNullOrEmpty(parsed.Host));
            Assert.False(string.IsNullOrEmpty(parsed.Database));
        }
    }

    [Fact]
    public void TheAdminKey_ComesFromTheSecret()
    {
        var adminKey = Assert.Single(Role.Gateway.Container.Env, variable => variable.Name == "Counters__Security__AdminKey");

        Assert.Equal("admin-key", adminKey.ValueFrom.SecretKeyRef.Key);
    }
}
