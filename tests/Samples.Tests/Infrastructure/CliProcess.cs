using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Samples.Tests.Infrastructure;

/// <summary>What one run of the program printed and returned.</summary>
public sealed record CliRun(int Exit, string Out, string Err)
{
    /// <summary>Stdout parsed as exactly one JSON document (fails the test when it is anything else).</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Out);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document ({e.Message}): {this}");
            throw;
        }
    }

    /// <summary>The error object of a <c>--json</c> failure.</summary>
    public (string Code, string Message) JsonError()
    {
        var error = Json().GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    public override string ToString() => $"exit {Exit}; stdout: {Out}; stderr: {Err}";
}

/// <summary>
/// Runs the built exchange-cli (Release or Debug, as this test project was built) with <c>dotnet exec</c>, with a
/// clean SUPPORT_* environment, optional stdin, and a timeout.
/// </summary>
public static class CliProcess
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string ProgramPath { get; } = typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ExchangeCliPath").Value!;

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, stdin: null, environment: null);

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, string? stdin, IReadOnlyDictionary<string, string?>? environment)
    {
        if (!File.Exists(ProgramPath))
        {
            Assert.Fail($"The CLI is not built at {ProgramPath}.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SUPPORT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input (bad usage): what it printed is what the test checks.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"exchange-cli {string.Join(' ', args)} did not exit within 60 s.");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Asserts the usage/failure contract: non-zero exit, exactly one non-empty stderr line, no stack trace.</summary>
    public static void AssertOneLineError(CliRun run, int exitCode, string code)
    {
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(exitCode), run.ToString());
            Assert.That(lines, Has.Length.EqualTo(1), "one line on stderr: " + run.Err);
            Assert.That(run.Err, Does.StartWith($"error: {code}: "), run.ToString());
            Assert.That(run.Err + run.Out, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
        });
    }
}
