using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Hosting;

/// <summary>
/// Checks <see cref="SupportServerOptions"/> when the host starts (<c>ValidateOnStart</c>): every problem is reported
/// at once, each naming the option as configuration spells it (<c>Support:…</c>) and what it takes. Key values are
/// never echoed.
/// </summary>
internal sealed class SupportServerOptionsValidator : IValidateOptions<SupportServerOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportServerOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string option, string requirement, object? was = null)
        {
            if (!ok)
            {
                failures.Add($"Support:{option} {requirement}" + (was is null ? "." : $" (was {was})."));
            }
        }

        Check(!string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath", "must name the SQLite file");
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            Check(options.ApiKeys[i] is { Length: >= 24 }, $"ApiKeys:{i}", "must be at least 24 characters");
        }

        foreach (var (agent, key) in options.AgentKeys)
        {
            Check(key is { Length: >= 24 }, $"AgentKeys:{agent}", "must be at least 24 characters");
        }

        Check(options.UserTokenSigningKey is null || SigningKeyBytes(options.UserTokenSigningKey) >= 32, "UserTokenSigningKey", "must be base64 of at least 32 bytes");
        Check(options.UserTokenLifetime >= TimeSpan.FromMinutes(1) && options.UserTokenLifetime <= TimeSpan.FromHours(24), "UserTokenLifetime", "must be from 1 minute to 24 hours", options.UserTokenLifetime);
        Check(options.MaxRequestBodyBytes >= 1024, "MaxRequestBodyBytes", "must be at least 1024", options.MaxRequestBodyBytes);
        Check(options.MaxAttachmentBytes >= 1024, "MaxAttachmentBytes", "must be at least 1024", options.MaxAttachmentBytes);
        Check(options.AttachmentQuotaBytes >= options.MaxAttachmentBytes, "AttachmentQuotaBytes", "must be at least MaxAttachmentBytes", options.AttachmentQuotaBytes);
        Check(options.UnattachedUploadLifetime >= TimeSpan.FromMinutes(1), "UnattachedUploadLifetime", "must be at least 1 minute", options.UnattachedUploadLifetime);
        Check(options.RateLimitPerSecond >= 1, "RateLimitPerSecond", "must be at least 1", options.RateLimitPerSecond);
        Check(options.RateLimitBurst >= 1, "RateLimitBurst", "must be at least 1", options.RateLimitBurst);
        Check(options.AuthFailureBurst >= 1, "AuthFailureBurst", "must be at least 1", options.AuthFailureBurst);
        Check(options.AuthFailureWindow >= TimeSpan.FromSeconds(1), "AuthFailureWindow", "must be at least 1 second", options.AuthFailureWindow);
        Check(options.TicketsPerUserPerHour >= 1, "TicketsPerUserPerHour", "must be at least 1", options.TicketsPerUserPerHour);
        Check(options.FaqInsightsRetention >= TimeSpan.FromDays(1), "FaqInsightsRetention", "must be at least 1 day", options.FaqInsightsRetention);
        Check(options.IdempotencyRetention >= TimeSpan.FromMinutes(5), "IdempotencyRetention", "must be at least 5 minutes", options.IdempotencyRetention);
        Check(Locales.Normalize(options.DefaultLocale) is not null, "DefaultLocale", "must be a language tag such as en-us", options.DefaultLocale);
        Check(TimeZoneInfo.TryFindSystemTimeZoneById(options.SupportTimeZone ?? string.Empty, out _), "SupportTimeZone", "must be a time zone id such as UTC or Asia/Shanghai", options.SupportTimeZone);
        Check(options.SupportOpensAtHour is >= 0 and <= 23, "SupportOpensAtHour", "must be from 0 to 23", options.SupportOpensAtHour);
        Check(options.SupportClosesAtHour is >= 1 and <= 24 && options.SupportClosesAtHour > options.SupportOpensAtHour, "SupportClosesAtHour",
            "must be from 1 to 24 and after SupportOpensAtHour", options.SupportClosesAtHour);
        Check(options.SupportDays.Count > 0, "SupportDays", "must name at least one day support is staffed");
        Check(options.Email.Listen is null || System.Net.IPEndPoint.TryParse(options.Email.Listen.Trim(), out var listen) && listen.Port > 0, "Email:Listen",
            "must be an address and port such as 127.0.0.1:2525", options.Email.Listen);
        Check(Uri.CheckHostName(options.Email.Domain) == UriHostNameType.Dns, "Email:Domain", "must be a mail domain such as support.example.com", options.Email.Domain);
        Check(options.Email.MaxMessageBytes >= 64 * 1024, "Email:MaxMessageBytes", "must be at least 65536", options.Email.MaxMessageBytes);
        if (!string.IsNullOrWhiteSpace(options.Email.Smtp.Host))
        {
            Check(!options.Email.Domain.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase), "Email:Domain", "must be support's real mail domain when Email:Smtp:Host is set (replies come back to it)", options.Email.Domain);
            Check(options.Email.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port", "must be a port number", options.Email.Smtp.Port);
            Check(options.Email.Smtp.From is null || MimeKit.MailboxAddress.TryParse(options.Email.Smtp.From, out _), "Email:Smtp:From", "must be an e-mail address", options.Email.Smtp.From);
            Check(options.Email.Smtp.DkimKeyPath is null || File.Exists(options.Email.Smtp.DkimKeyPath), "Email:Smtp:DkimKeyPath", "must name a readable PEM key file", options.Email.Smtp.DkimKeyPath);
        }
        for (var i = 0; i < options.OfficialChannels.RetiredPublicKeys.Count; i++)
        {
            Check(string.IsNullOrWhiteSpace(options.OfficialChannels.RetiredPublicKeys[i]) || IsPublicKey(options.OfficialChannels.RetiredPublicKeys[i]),
                $"OfficialChannels:RetiredPublicKeys:{i}", "must be a base64 SubjectPublicKeyInfo EC public key");
        }
        Check(!string.IsNullOrWhiteSpace(options.Sla.PolicyName) && options.Sla.PolicyName.Length <= 100, "Sla:PolicyName", "must be 1–100 characters");
        Check(options.Sla.SweepInterval >= TimeSpan.FromSeconds(1), "Sla:SweepInterval", "must be at least 1 second", options.Sla.SweepInterval);
        Check(options.Sla.WarnBefore >= TimeSpan.Zero && options.Sla.WarnBefore <= TimeSpan.FromDays(1), "Sla:WarnBefore", "must be from 0 to 1 day", options.Sla.WarnBefore);
        var policyNames = new HashSet<string>(StringComparer.Ordinal) { options.Sla.PolicyName };
        for (var n = 0; n < options.Sla.Policies.Count; n++)
        {
            var policy = options.Sla.Policies[n];
            Check(policy.Name.Trim().Length is > 0 and <= 100 && policyNames.Add(policy.Name), $"Sla:Policies:{n}:Name",
                "must be 1–100 characters and differ from the default's and every other policy's name");
            Check(policy.Categories.All(c => TicketCategory.TryParseKnown(c, out _)), $"Sla:Policies:{n}:Categories",
                "must be ticket categories: " + string.Join(", ", TicketCategory.KnownValues));
            Check(policy.CustomerTiers.All(SlaPolicyOptions.IsTierCode), $"Sla:Policies:{n}:CustomerTiers", "must be 1–32 lower-case letters, digits, '-' or '_'");
            foreach (var (table, targets, max) in new[] { ("FirstReplyTargetMinutes", policy.FirstReplyTargetMinutes, 60_000), ("NextReplyTargetMinutes", policy.NextReplyTargetMinutes, 60_000),
                ("ResolutionTargetHours", policy.ResolutionTargetHours, 2_000) })
            {
                foreach (var (priority, value) in targets)
                {
                    Check(TicketPriority.TryParseKnown(priority, out _) && value >= 1 && value <= max, $"Sla:Policies:{n}:{table}:{priority}",
                        $"must be a priority ({string.Join(", ", TicketPriority.KnownValues)}) with a target from 1 to {max:N0}", value);
                }
            }
        }

        var macroIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var m = 0; m < options.Macros.Count; m++)
        {
            var macro = options.Macros[m];
            Check(macro.Id is { Length: > 0 and <= 64 } && macro.Id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'), $"Macros:{m}:Id",
                "must be 1–64 lower-case letters, digits, '-' or '_'");
            Check(macroIds.Add(macro.Id + "|" + macro.Locale), $"Macros:{m}:Id", "must be unique within its locale");
            Check(macro.Name.Trim().Length is > 0 and <= 100, $"Macros:{m}:Name", "must be 1–100 characters");
            Check(macro.Body.Trim().Length is > 0 and <= 20_000, $"Macros:{m}:Body", "must be 1–20,000 characters");
            var unknown = SupportSdk.Server.Agents.Macros.Placeholder().Matches(macro.Body).Select(p => p.Value)
                .Where(p => !SupportSdk.Server.Agents.Macros.Placeholders.Contains(p, StringComparer.Ordinal)).ToList();
            Check(unknown.Count == 0, $"Macros:{m}:Body", "may use only " + string.Join(", ", SupportSdk.Server.Agents.Macros.Placeholders) + "; found " + string.Join(", ", unknown));
            Check(macro.AddTags.Count <= SupportSdk.Server.Agents.AgentTicketEndpoints.MaxTags && macro.AddTags.All(SupportSdk.Server.Agents.AgentTicketEndpoints.IsTag),
                $"Macros:{m}:AddTags", "must be at most 10 tags of 1–32 lower-case letters, digits, '-' or '_'");
            Check(macro.SetStatus is null || TicketStatus.TryParseKnown(macro.SetStatus, out _), $"Macros:{m}:SetStatus",
                "must be a ticket status: " + string.Join(", ", TicketStatus.KnownValues));
        }

        Check(options.Assignment.Interval >= TimeSpan.FromSeconds(1) && options.Assignment.Interval <= TimeSpan.FromMinutes(10), "Assignment:Interval",
            "must be from 1 second to 10 minutes", options.Assignment.Interval);
        Check(options.Assignment.PresenceTimeout >= TimeSpan.FromMinutes(1) && options.Assignment.PresenceTimeout <= TimeSpan.FromHours(1), "Assignment:PresenceTimeout",
            "must be from 1 minute to 1 hour", options.Assignment.PresenceTimeout);
        Check(options.Assignment.ChatsPerAgent is >= 1 and <= 20, "Assignment:ChatsPerAgent", "must be from 1 to 20", options.Assignment.ChatsPerAgent);
        foreach (var (priority, minutes) in options.FirstResponseTargetMinutes)
        {
            Check(minutes is > 0 and <= 60_000, $"FirstResponseTargetMinutes:{priority}", "must be from 1 to 60,000 minutes", minutes);
        }

        foreach (var (priority, minutes) in options.Sla.NextReplyTargetMinutes)
        {
            Check(minutes is > 0 and <= 60_000, $"Sla:NextReplyTargetMinutes:{priority}", "must be from 1 to 60,000 minutes", minutes);
        }

        foreach (var (priority, hours) in options.Sla.ResolutionTargetHours)
        {
            Check(hours is > 0 and <= 2_000, $"Sla:ResolutionTargetHours:{priority}", "must be from 1 to 2,000 hours", hours);
        }
        Check(options.SecretPolicy is not null, "SecretPolicy", "must be set");
        Check(options.ChatHeartbeatInterval >= TimeSpan.FromSeconds(1) && options.ChatHeartbeatInterval <= TimeSpan.FromMinutes(5), "ChatHeartbeatInterval",
            "must be from 1 second to 5 minutes", options.ChatHeartbeatInterval);
        Check(options.ChatSendBufferFrames >= 8, "ChatSendBufferFrames", "must be at least 8", options.ChatSendBufferFrames);
        Check(options.ChatSendTimeout >= TimeSpan.FromSeconds(1), "ChatSendTimeout", "must be at least 1 second", options.ChatSendTimeout);
        Check(options.ChatMaxFrameBytes >= 1024, "ChatMaxFrameBytes", "must be at least 1024", options.ChatMaxFrameBytes);
        Check(options.ChatFramesPerSecond >= 1, "ChatFramesPerSecond", "must be at least 1", options.ChatFramesPerSecond);
        Check(options.ChatFrameBurst >= 1, "ChatFrameBurst", "must be at least 1", options.ChatFrameBurst);
        Check(options.ChatConnectionsPerCaller >= 1, "ChatConnectionsPerCaller", "must be at least 1", options.ChatConnectionsPerCaller);
        Check(options.ChatAverageHandleTime > TimeSpan.Zero, "ChatAverageHandleTime", "must be positive", options.ChatAverageHandleTime);
        var webhooks = options.Webhooks;
        for (var i = 0; i < webhooks.RetryDelays.Count; i++)
        {
            Check(webhooks.RetryDelays[i] > TimeSpan.Zero && webhooks.RetryDelays[i] <= TimeSpan.FromDays(7), $"Webhooks:RetryDelays:{i}", "must be from a moment to 7 days", webhooks.RetryDelays[i]);
        }

        Check(webhooks.RetryDelays.Count <= 50, "Webhooks:RetryDelays", "must list at most 50 waits", webhooks.RetryDelays.Count);
        Check(webhooks.AttemptTimeout >= TimeSpan.FromSeconds(1) && webhooks.AttemptTimeout <= TimeSpan.FromMinutes(1), "Webhooks:AttemptTimeout",
            "must be from 1 second to 1 minute", webhooks.AttemptTimeout);
        Check(webhooks.SecretGracePeriod >= TimeSpan.Zero && webhooks.SecretGracePeriod <= TimeSpan.FromDays(30), "Webhooks:SecretGracePeriod",
            "must be from 0 to 30 days", webhooks.SecretGracePeriod);
        Check(webhooks.DisableAfterFailingFor >= TimeSpan.FromHours(1), "Webhooks:DisableAfterFailingFor", "must be at least 1 hour", webhooks.DisableAfterFailingFor);
        foreach (var (priority, minutes) in options.FirstResponseTargetMinutes)
        {
            Check(minutes >= 1, $"FirstResponseTargetMinutes:{priority}", "must be at least 1", minutes);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static int SigningKeyBytes(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out var written) ? written : 0;
    }

    private static bool IsPublicKey(string? key)
    {
        try
        {
            using var ec = System.Security.Cryptography.ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key ?? string.Empty), out _);
            return true;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
