using System.Globalization;
using System.Text;

namespace SupportSdk.Core;

/// <summary>Builds relative paths with escaped segments and query values.</summary>
internal sealed class Query
{
    private readonly string _path;
    private StringBuilder? _query;

    private Query(string path) => _path = path;

    public static Query Path(string path) => new(path);

    public static Query Path(string format, string segment) =>
        new(string.Format(CultureInfo.InvariantCulture, format, Uri.EscapeDataString(segment)));

    public static Query Path(string format, params string[] segments) =>
        new(string.Format(CultureInfo.InvariantCulture, format, [.. segments.Select(s => (object)Uri.EscapeDataString(s))]));

    public Query Add(string name, string? value)
    {
        if (value is not null)
        {
            (_query ??= new StringBuilder(_path, _path.Length + 64)).Append(_query.Length == _path.Length ? '?' : '&')
                .Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public Query Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _query?.ToString() ?? _path;
}
