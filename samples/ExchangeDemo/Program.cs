using ExchangeDemo.Hosting;

return await DemoCommandLine.RunAsync(args);
