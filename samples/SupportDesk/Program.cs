using System.CommandLine;
using SupportDesk;

return await SupportDeskCli.RunAsync(args);
