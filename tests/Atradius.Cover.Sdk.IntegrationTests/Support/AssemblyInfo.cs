// The fault and load tests measure timeouts and count requests on a shared sandbox port; running them one
// at a time keeps a loaded two-core machine from turning a 200 ms attempt timeout into a flaky failure.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
