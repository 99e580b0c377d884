using Microsoft.AspNetCore.Http;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Hosting;

/// <summary>
/// The Support API's own limits on the request line and headers, answered as problem+json like every other error
/// (414 and 431 <c>bad_request</c>, 400 for a header value with control characters). Kestrel refuses what is past
/// its own, higher limits with an empty response before any application code runs; a host that calls
/// <see cref="Microsoft.AspNetCore.Hosting.SupportKestrelExtensions.UseSupportRequestLimits"/> leaves room above these so the API answers first.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The longest path and query the API takes (Kestrel's default request line is 8 KB).</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The most header bytes the API takes (Kestrel's default is 32 KB).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public static void Check(HttpRequest request)
    {
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxTargetLength)
        {
            throw new ApiError(414, ErrorCodes.BadRequest, "The request URL is too long.", $"At most {MaxTargetLength} characters of path and query.");
        }

        var total = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
                if (value is not null && HasControl(value))
                {
                    // The header's name only: its value may be a credential.
                    throw new ApiError(400, ErrorCodes.BadRequest, "A request header is not valid.", $"The {name} header holds control characters.");
                }
            }
        }

        if (total > MaxHeaderBytes)
        {
            throw new ApiError(431, ErrorCodes.BadRequest, "The request headers are too large.", $"At most {MaxHeaderBytes} bytes of headers.");
        }
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007F')
            {
                return true;
            }
        }

        return false;
    }
}
