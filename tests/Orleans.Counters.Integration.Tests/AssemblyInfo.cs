// These tests start real processes and servers on two shared cores: run them one class at a
// time, so that timings (leases, persist intervals) are those of one cluster, not three.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
