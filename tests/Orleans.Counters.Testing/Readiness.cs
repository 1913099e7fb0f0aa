using System.Net;

namespace Orleans.Counters.Testing;

/// <summary>
/// Waits until a host serves: silos (on <c>Counters:Silo:HttpPort</c>) and gateways alike answer
/// <see cref="ReadyPath"/> with 200 once they joined the cluster and storage answers, 503 before.
/// </summary>
public static class Readiness
{
    /// <summary>Ready: the cluster has joined and storage answers.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Live: the process listens, whatever the cluster.</summary>
    public const string LivePath = "/health/live";

    /// <summary>
    /// Polls GET <paramref name="path"/> at <paramref name="address"/> until it answers 2xx and returns
    /// that answer's body. Throws at once, with their logs, when one of <paramref name="processes"/>
    /// exits, and after <paramref name="timeout"/>. <paramref name="notReady"/> sees every other answer.
    /// </summary>
    public static async Task<string> WaitAsync(
        Uri address,
        IReadOnlyCollection<ProcessHost> processes,
        TimeSpan timeout,
        string path = ReadyPath,
        Action<HttpStatusCode, string>? notReady = null,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var process in processes)
            {
                process.ThrowIfExited();
            }

            try
            {
                using var response = await http.GetAsync(path, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                notReady?.Invoke(response.StatusCode, body);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One request timed out on a busy machine: ask again.
            }

            if (DateTime.UtcNow > deadline)
            {
                var logs = string.Join('\n', processes.Select(p => $"--- {p.Name} ---\n{p.Log}"));
                throw new TimeoutException($"{address}{path.TrimStart('/')} did not answer 2xx within {timeout}:\n{logs}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="host"/>, serving at <paramref name="address"/>, answers <see cref="ReadyPath"/> with 200.</summary>
    public static Task<string> WaitAsync(Uri address, ProcessHost host, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(address, [host], timeout, cancellationToken: cancellationToken);
}
