using HushRyd.Benchmarks;

return args is ["garnet-soak", .. var soak] ? await GarnetSoakBenchmark.RunAsync(soak) : await GatewayBenchmark.RunAsync(args);
