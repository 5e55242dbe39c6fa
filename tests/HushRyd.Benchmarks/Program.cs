using HushRyd.Benchmarks;

// The first argument names the benchmark; plain numbers (or nothing) run the gateway's, as before.
return args.FirstOrDefault() switch
{
    "location" => await LocationBenchmark.RunAsync(args[1..]),
    "realtime-fanout" => await RealtimeFanOutBenchmark.RunAsync(args[1..]),
    "realtime-load" => await RealtimeLoadBenchmark.RunAsync(args[1..]),
    "realtime-load-client" => await RealtimeLoadClient.RunAsync(args[1..]),
    "realtime-memory" => await RealtimeMemoryBenchmark.RunAsync(args[1..]),
    "realtime-knee" => await RealtimeKneeBenchmark.RunAsync(args[1..]),
    "notifications" => await NotificationBenchmark.RunAsync(args[1..]),
    "sos" => await SosLoadBenchmark.RunAsync(args[1..]),
    "garnet-soak" => await GarnetSoakBenchmark.RunAsync(args[1..]),
    "gateway" => await GatewayBenchmark.RunAsync(args[1..]),
    "gateway-principals" => await GatewayPrincipalsBenchmark.RunAsync(args[1..]),
    _ => await GatewayBenchmark.RunAsync(args),
};
