using System.CommandLine;

namespace ExchangeDemo.Hosting;

/// <summary>The demo's command line: where to listen, where to keep data, and optionally a running SupportDesk.</summary>
public static class DemoCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = new Option<string>("--data") { Description = "Data folder (database, demo keys).", DefaultValueFactory = _ => DemoSettings.DefaultDataDirectory };
        var endpoint = new Option<string?>("--support-endpoint") { Description = "Use a running SupportDesk at this URL instead of the embedded support server." };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key for --support-endpoint (or SUPPORT_API_KEY)." };
        var manifestKey = new Option<string?>("--manifest-public-key") { Description = "The official-channel manifest key that --support-endpoint prints (for /verify)." };
        var root = new RootCommand("ExchangeDemo: an exchange website with SupportSdk built in (help center, tickets, live chat, official-channel check).")
        {
            urls, data, endpoint, apiKey, manifestKey,
        };
        root.SetAction((result, ct) =>
        {
            var settings = new DemoSettings(
                result.GetValue(urls)!,
                Path.GetFullPath(result.GetValue(data)!),
                null,
                result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("SUPPORT_API_KEY"),
                result.GetValue(manifestKey) ?? Environment.GetEnvironmentVariable("SUPPORT_MANIFEST_PUBLIC_KEY"));
            if (!Uri.TryCreate(settings.Urls.Split(';')[0], UriKind.Absolute, out _))
            {
                return Task.FromResult(Fail($"--urls '{settings.Urls}' is not an absolute URL such as http://127.0.0.1:5080."));
            }

            if (result.GetValue(endpoint) is { } remote)
            {
                if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    return Task.FromResult(Fail($"--support-endpoint '{remote}' is not an http(s) URL."));
                }

                if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                {
                    return Task.FromResult(Fail("--support-endpoint must be https:// (plain http:// only to 127.0.0.1, ::1 or localhost): the SDK sends keys and tokens only over a secure channel."));
                }

                if (string.IsNullOrWhiteSpace(settings.ApiKey))
                {
                    return Task.FromResult(Fail("--support-endpoint needs --api-key (the key SupportDesk printed), or SUPPORT_API_KEY."));
                }

                settings = settings with { SupportEndpoint = uri };
            }

            return DemoHost.RunAsync(settings, ct);
        });
        return await root.Parse(args).InvokeAsync();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
