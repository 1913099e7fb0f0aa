using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Reads the memory of a .NET process we started, from outside it (the gateway exposes no GC figures):
/// forces a full blocking GC through the runtime's diagnostics port, the way dotnet-gcdump does (an
/// EventPipe session with the GCHeapCollect keyword), takes the GC heap size that GC reports when it
/// ends, then reads the resident set (VmRSS) from /proc.
/// </summary>
public static class ProcessMemory
{
    private static readonly TimeSpan GcTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A process's memory right after a full GC.</summary>
    /// <param name="GcHeapBytes">The GC heap after the collection: every generation, the large and pinned object heaps.</param>
    /// <param name="ResidentBytes">The process's resident set (VmRSS) read just after.</param>
    public sealed record Snapshot(long GcHeapBytes, long ResidentBytes);

    /// <summary>Forces a full GC in process <paramref name="processId"/> and measures it.</summary>
    public static async Task<Snapshot> AfterFullGcAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider(
            "Microsoft-Windows-DotNETRuntime",
            EventLevel.Informational,
            (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect));
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 64, cancellationToken);
        using var source = new EventPipeEventSource(session.EventStream);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        int? induced = null;
        var inducedEnded = false;
        source.Clr.GCStart += e =>
        {
            if (induced is null && e.Reason == GCReason.Induced && e.Depth == 2)
            {
                induced = e.Count;
            }
        };
        source.Clr.GCStop += e => inducedEnded |= e.Count == induced;
        source.Clr.GCHeapStats += e =>
        {
            if (inducedEnded)
            {
                heap.TrySetResult(e.TotalHeapSize);
            }
        };

        var reading = Task.Run(source.Process, CancellationToken.None);
        long gcHeap;
        try
        {
            var first = await Task.WhenAny(heap.Task, reading).WaitAsync(GcTimeout, cancellationToken);
            if (first != heap.Task)
            {
                await reading;
                throw new InvalidOperationException($"the diagnostics session of process {processId} ended before its forced GC did");
            }

            gcHeap = await heap.Task;
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await reading;
        }

        return new Snapshot(gcHeap, ResidentBytes(processId));
    }

    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
