using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;
using SupportSdk.Channels;

namespace ExchangeDemo.Pages;

/// <summary>
/// "Verify an official channel": Channels.VerifyAsync checks a link, address, number or handle against the signed
/// manifest (verified with the pinned public key), and a lookalike or unknown one can be reported.
/// </summary>
public sealed class VerifyModel(UiContext ui, SupportConnection support) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Input { get; set; }

    public ChannelVerification? Result { get; private set; }

    public OfficialChannelManifest? Manifest { get; private set; }

    public string? ReportId { get; private set; }

    public string? Unavailable { get; private set; }

    /// <summary>The transcript check's outcome, when one was asked for.</summary>
    public SupportSdk.Transcripts.TranscriptVerification? Transcript { get; private set; }

    public string? TranscriptError { get; private set; }

    /// <summary>
    /// Checks a pasted or uploaded transcript (JSON, a single message, or the saved HTML page) against the pinned
    /// channel keys, locally: the document is not sent anywhere.
    /// </summary>
    public async Task<IActionResult> OnPostTranscriptAsync(string? pasted, IFormFile? file)
    {
        await CheckAsync();
        if (Unavailable is not null)
        {
            return Page();
        }

        string document;
        if (file is { Length: > 0 })
        {
            if (file.Length > SupportSdk.Transcripts.TranscriptVerifier.MaxDocumentLength)
            {
                TranscriptError = ui.T.TranscriptTooLarge;
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream());
            document = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        else
        {
            document = pasted ?? string.Empty;
        }

        var client = await support.ForAsync(ui.User);
        Transcript = client.Channels.VerifyTranscript(document);
        return Page();
    }

    public Task OnGetAsync() => CheckAsync();

    public async Task<IActionResult> OnPostReportAsync(string? where, string? note)
    {
        if (ui.User is null)
        {
            return Challenge();
        }

        await CheckAsync();
        if (Result is { Verdict: not ChannelVerdict.Official })
        {
            var client = await support.ForUserAsync(ui.User);
            var report = await client.Channels.ReportImpersonatorAsync(new ChannelReportRequest
            {
                Input = Result.Input,
                Where = string.IsNullOrWhiteSpace(where) ? null : where.Trim(),
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            }, HttpContext.RequestAborted);
            ReportId = report.Id;
        }

        return Page();
    }

    private async Task CheckAsync()
    {
        if (!support.CanVerifyChannels)
        {
            Unavailable = ui.T.VerifyUnavailable;
            return;
        }

        var client = await support.ForAsync(ui.User);
        try
        {
            Manifest = await client.Channels.GetOfficialChannelsAsync(HttpContext.RequestAborted);
            if (!string.IsNullOrWhiteSpace(Input))
            {
                Input = Input.Trim();
                Result = await client.Channels.VerifyChannelAsync(Input, HttpContext.RequestAborted);
            }
        }
        catch (SecureChannelException)
        {
            Unavailable = ui.T.VerifyFailed;
        }
    }
}
