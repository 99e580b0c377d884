using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Http;

/// <summary>The per-request id echoed as <c>X-Request-Id</c> and in every problem body.</summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    private static readonly object Key = new();

    /// <summary>Takes a well-formed id from the caller (so a client's retries share one id) or makes one.</summary>
    public static string Assign(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsWellFormed(incoming) ? incoming : "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        context.Items[Key] = id;
        context.Response.Headers[Header] = id;
        return id;
    }

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(Key, out var id) && id is string s ? s : context.TraceIdentifier;

    private static bool IsWellFormed(string value)
    {
        if (value.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
