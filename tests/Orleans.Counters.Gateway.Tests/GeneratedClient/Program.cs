using System.Text.Json;
using Counters.Generated;
using Counters.Generated.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;

// Calls a running gateway through the client Kiota generated from its OpenAPI document, as a user's program
// would, and prints what it got as one line of JSON for GeneratedClientTests to check.
// Arguments: the gateway's address, an ingest key, a read key, and their account.
var (address, ingestKey, readKey, account) = (args[0], args[1], args[2], args[3]);
var ingest = Client(ingestKey);
var reader = Client(readKey);

var accepted = await ingest.Api.Events.PostAsync(
[
    new EventRequest { Type = "pageview", Url = "https://contract.example/a" },
    new EventRequest { Type = "pageview", Url = "https://contract.example/a" },
    new EventRequest { Type = "pageview", Url = "https://contract.example/b" },
]);

// Counting is asynchronous: read until the events show, for at most a minute.
long counted = 0;
for (var tries = 0; tries < 120 && counted < 3; tries++)
{
    var summary = await reader.Api.Stats[account].Summary.GetAsync(request => request.QueryParameters.Period = "today");
    counted = summary?.Counts?.AdditionalData.TryGetValue("pageview", out var value) == true ? Number(value) : 0;
    if (counted < 3)
    {
        await Task.Delay(500);
    }
}

var top = await reader.Api.Stats[account].Top.GetAsync(request => request.QueryParameters.Type = "pageview");
var track = await reader.Api.Stats.Track[account]["pageview"][DateTime.UtcNow.Year.ToString()].GetAsync();
var invalid = await ProblemOf(() => reader.Api.Stats[account].Summary.GetAsync(request => request.QueryParameters.Period = "next-week"));
var forbidden = await ProblemOf(() => reader.Api.Events.PostAsync([new EventRequest { Type = "pageview" }]));

Console.WriteLine(JsonSerializer.Serialize(new
{
    accepted = accepted?.Accepted,
    counted,
    top = top?.Items?.Select(item => new { item.Value, item.Count }),
    yearTotal = track?.Total,
    invalid = new { status = invalid?.ResponseStatusCode, invalid?.Title },
    forbidden = new { status = forbidden?.ResponseStatusCode, forbidden?.Title },
}));

CountersApiClient Client(string key)
{
    // Kiota's ApiKeyAuthenticationProvider sends keys over https only; the test gateway is plain http on loopback.
    var http = KiotaClientFactory.Create();
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    return new CountersApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = address.TrimEnd('/') });
}

static async Task<ProblemDetails?> ProblemOf(Func<Task> call)
{
    try
    {
        await call();
        return null;
    }
    catch (ProblemDetails problem)
    {
        return problem;
    }
}

// An additional-data number, as Kiota's JSON reader gives it.
static long Number(object value) => value switch
{
    UntypedInteger integer => integer.GetValue(),
    UntypedLong number => number.GetValue(),
    UntypedDecimal number => (long)number.GetValue(),
    UntypedDouble number => (long)number.GetValue(),
    _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
};
