using HushRyd.Benchmarks;

return args.Length > 0 && args[0] == "realtime-fanout"
    ? await RealtimeFanOutBenchmark.RunAsync(args[1..])
    : await GatewayBenchmark.RunAsync(args);
