using System.Globalization;
using System.Text;

namespace SupportSdk.Core;

/// <summary>Builds relative paths with escaped segments and query values.</summary>
internal sealed class Query
{
    private readonly StringBuilder _path;
    private bool _hasQuery;

    private Query(string path) => _path = new StringBuilder(path);

    public static Query Path(string format, params string[] segments) =>
        new(string.Format(CultureInfo.InvariantCulture, format, [.. segments.Select(s => (object)Uri.EscapeDataString(s))]));

    public Query Add(string name, string? value)
    {
        if (value is not null)
        {
            _path.Append(_hasQuery ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            _hasQuery = true;
        }

        return this;
    }

    public Query Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _path.ToString();
}
