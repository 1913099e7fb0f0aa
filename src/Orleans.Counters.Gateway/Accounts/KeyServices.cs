using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>What the key handlers use, bound from the request's services in one parameter.</summary>
/// <param name="Store">Where keys are kept.</param>
/// <param name="Verifier">Checks presented keys; told to forget a revoked one at once.</param>
/// <param name="Clock">The server's clock: when a key was issued or revoked.</param>
/// <param name="Grains">Reaches the account directory, which lists a created account.</param>
public sealed record KeyServices(IApiKeyStore Store, ApiKeyVerifier Verifier, TimeProvider Clock, IGrainFactory Grains);
