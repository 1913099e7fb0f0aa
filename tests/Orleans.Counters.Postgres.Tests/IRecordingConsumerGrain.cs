namespace Orleans.Counters.Postgres.Tests;

/// <summary>A consumer of one test stream (its key is the stream key).</summary>
public interface IRecordingConsumerGrain : IGrainWithStringKey;
