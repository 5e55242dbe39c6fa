using HushRyd.Benchmarks;

return args.FirstOrDefault() switch
{
    "realtime-fanout" => await RealtimeFanOutBenchmark.RunAsync(args[1..]),
    "realtime-load" => await RealtimeLoadBenchmark.RunAsync(args[1..]),
    "realtime-load-client" => await RealtimeLoadClient.RunAsync(args[1..]),
    _ => await GatewayBenchmark.RunAsync(args),
};
