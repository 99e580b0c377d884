using SupportSdk.Security;

namespace SupportSdk.Server.Http;

/// <summary>Collects field errors and throws one <c>validation_failed</c> problem naming all of them.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private string? _unsafeField;

    public Validation Text(string field, string? value, int min, int max)
    {
        var length = value?.Trim().Length ?? 0;
        if (value is null || length < min)
        {
            Add(field, min == 1 ? "Required." : $"At least {min} characters.");
        }
        else if (value.Length > max)
        {
            Add(field, $"At most {max} characters.");
        }

        return this;
    }

    public Validation Known<T>(string field, T? value, bool required) where T : struct, IWireValue<T>
    {
        if (value is null || value.Value.Value.Length == 0)
        {
            if (required)
            {
                Add(field, $"Required; one of: {string.Join(", ", KnownValues<T>())}.");
            }
        }
        else if (!value.Value.IsKnown)
        {
            Add(field, $"Unknown value; use one of: {string.Join(", ", KnownValues<T>())}.");
        }

        return this;
    }

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>A one-line field (a subject, a name, a topic): control and bidirectional-override characters are refused
    /// with their own code, before any other check, since they are an attempt to deceive rather than a typo.</summary>
    public Validation Line(string field, string? value)
    {
        if (UnsafeCharacters.Contains(value))
        {
            _unsafeField ??= field;
        }

        return this;
    }

    public void ThrowIfInvalid()
    {
        if (_unsafeField is not null)
        {
            throw ApiError.InvalidCharacters(_unsafeField);
        }

        if (_errors.Count > 0)
        {
            throw new ApiError(400, ErrorCodes.ValidationFailed, "The request is not valid.",
                "See 'errors' for what to fix in each field.", _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    private static IEnumerable<string> KnownValues<T>() where T : struct, IWireValue<T> =>
        T.KnownValues.Select(v => v.Value);
}
