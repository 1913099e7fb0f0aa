using Orleans.Counters.Gateway.Plausible;
using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>What the account settings handler that changes settings uses, bound from the request's services in one parameter.</summary>
/// <param name="Grains">Reaches the account's settings grain.</param>
/// <param name="Counters">Reads counts; told to forget the account's cached time zone once it is set.</param>
/// <param name="Origins">This gateway's memory of accounts' allowed origins; told to forget the account's once they are set.</param>
/// <param name="Domains">This gateway's memory of which account a site domain belongs to; told to forget released domains.</param>
public sealed record AccountSettingsServices(IGrainFactory Grains, CounterReader Counters, AccountOrigins Origins, DomainAccounts Domains);
