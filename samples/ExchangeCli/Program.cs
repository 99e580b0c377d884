using ExchangeCli.Cli;

return await ExchangeCliApp.RunAsync(args);
