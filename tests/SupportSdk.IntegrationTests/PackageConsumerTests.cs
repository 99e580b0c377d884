using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// Packs SupportSdk, SupportSdk.Protocol and SupportSdk.Server into a local folder feed, builds an outside console
/// program that references only those packages and whose code is the README's quick start (so the README compiles),
/// and runs it against the real server through a proxy that drops and delays connections.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class PackageConsumerTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Test]
    public async Task The_readme_quick_start_built_from_the_packed_packages_works_through_a_faulty_network()
    {
        var root = TestData.RepositoryRoot;
        var work = Directory.CreateTempSubdirectory("supportsdk-consumer-").FullName;
        var feed = Path.Combine(work, "feed");
        var version = "0.1.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            foreach (var project in new[] { "SupportSdk.Protocol", "SupportSdk", "SupportSdk.Server" })
            {
                await RunAsync(root, "dotnet", "pack", Path.Combine(root, "src", project, project + ".csproj"), "--no-build", "-c", Configuration,
                    "-o", feed, "-p:PackageVersion=" + version);
            }

            var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
            var consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), Snippet(readme, "program"));
            await File.WriteAllTextAsync(Path.Combine(consumer, "DependencyInjection.cs"), $$"""
                using Microsoft.Extensions.Configuration;
                using Microsoft.Extensions.DependencyInjection;
                using SupportSdk;

                static class ReadmeDependencyInjection
                {
                    public static void Register(IServiceCollection services, IConfiguration configuration)
                    {
                {{Snippet(readme, "di")}}
                    }
                }

                sealed class AuditHandler : DelegatingHandler;
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SupportSdk" Version="{{version}}" />
                    <PackageReference Include="Microsoft.Extensions.Configuration.Binder" Version="10.0.14" />
                  </ItemGroup>
                </Project>
                """);
            // Adds the local feed; the machine's own package sources stay as they are.
            await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $$"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="supportsdk-local" value="{{feed}}" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");
            await RunAsync(consumer, "dotnet", "build", "-c", "Release", "-o", Path.Combine(consumer, "out"));

            await using var server = await SupportServerHost.StartAsync();
            // Each client's first connection is cut after the server answered; the next new one gets a 503.
            await using var proxy = new FaultProxy(server.BaseAddress, n => n <= 2 ? ProxyFault.ResetAfterServerAnswered : n == 3 ? ProxyFault.Answer503 : ProxyFault.None);
            var output = await RunAsync(consumer, "dotnet", [Path.Combine(consumer, "out", "Consumer.dll")],
                ("SUPPORT_ENDPOINT", proxy.Address.ToString()), ("SUPPORT_API_KEY", SupportServerHost.ApiKey));

            var opened = OpenedTicket().Match(output);
            Assert.Multiple(() =>
            {
                Assert.That(opened.Success, Is.True, output);
                Assert.That(Regex.Matches(output, @"^tkt_\w+ ", RegexOptions.Multiline), Has.Count.EqualTo(1), "the user's list shows exactly one ticket: no duplicate create");
                Assert.That(output, Does.Contain(opened.Groups[1].Value + " pending_agent Withdrawal pending"), "the reply moved the ticket to pending_agent");
                Assert.That(proxy.FaultCounts.GetValueOrDefault(ProxyFault.ResetAfterServerAnswered), Is.EqualTo(2), "the network really misbehaved");
                Assert.That(proxy.FaultCounts.GetValueOrDefault(ProxyFault.Answer503), Is.EqualTo(1));
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Snippet(string readme, string name)
    {
        var match = Regex.Match(readme, $@"<!-- snippet: {name} -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.That(match.Success, Is.True, $"README snippet '{name}' not found");
        return match.Groups["code"].Value;
    }

    private static Task<string> RunAsync(string directory, string file, params string[] args) => RunAsync(directory, file, args, Array.Empty<(string, string)>());

    private static async Task<string> RunAsync(string directory, string file, string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{file} {string.Join(' ', args)}\n{output}");
        return output;
    }

    [GeneratedRegex(@"help articles; opened (tkt_\w+)")]
    private static partial Regex OpenedTicket();
}
