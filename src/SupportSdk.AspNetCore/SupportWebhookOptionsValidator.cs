using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore;

/// <summary>Checks <see cref="SupportWebhookOptions"/> when the host starts; secrets are never echoed.</summary>
internal sealed class SupportWebhookOptionsValidator : IValidateOptions<SupportWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportWebhookOptions options)
    {
        var failures = new List<string>();
        if (options.Secrets.Count == 0)
        {
            failures.Add("SupportWebhookOptions.Secrets needs the endpoint's signing secret (whsec_…).");
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (!IsSecret(options.Secrets[i]))
            {
                failures.Add($"SupportWebhookOptions.Secrets[{i}] is not whsec_ followed by base64.");
            }
        }

        if (options.Tolerance <= TimeSpan.Zero)
        {
            failures.Add($"SupportWebhookOptions.Tolerance must be positive (was {options.Tolerance}).");
        }

        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"SupportWebhookOptions.MaxBodyBytes must be at least 1024 (was {options.MaxBodyBytes}).");
        }

        if (options.DeduplicationCapacity < 1 || options.DeduplicationWindow <= TimeSpan.Zero)
        {
            failures.Add("SupportWebhookOptions.DeduplicationCapacity and DeduplicationWindow must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        return encoded.Length > 0 && Convert.TryFromBase64String(encoded, new byte[encoded.Length], out var written) && written > 0;
    }
}
