using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ExchangeDemo.Wallet;

/// <summary>
/// A transaction id for the page: groups of eight characters with a line-break opportunity (&lt;wbr&gt;) between them,
/// so a long hash wraps between groups, never one character onto a line of its own, and copies as one string.
/// </summary>
public static class TransactionIds
{
    private const int Group = 8;

    public static HtmlString Breakable(string txId)
    {
        var html = new StringBuilder(txId.Length * 2);
        for (var start = 0; start < txId.Length; start += Group)
        {
            // A short tail (fewer than half a group) stays with the group before it.
            var length = txId.Length - start < Group + Group / 2 ? txId.Length - start : Group;
            if (start > 0)
            {
                html.Append("<wbr>");
            }

            html.Append(WebUtility.HtmlEncode(txId.Substring(start, length)));
            if (length != Group)
            {
                break;
            }
        }

        return new HtmlString(html.ToString());
    }
}
