using HushRyd.Benchmarks;

return await GatewayBenchmark.RunAsync(args);
