namespace SupportSdk;

/// <summary>
/// An open-ended set of string values (an "extensible enum"): known values are exposed as static properties,
/// and a value this version does not know still round-trips, so a new server value never breaks an old client.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface IWireValue<TSelf> where TSelf : struct, IWireValue<TSelf>
{
    /// <summary>Gets the wire value, or an empty string for the default instance.</summary>
    /// <value>The lower-case wire value, e.g. <c>open</c>.</value>
    string Value { get; }

    /// <summary>Creates an instance from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <returns>The instance.</returns>
    static abstract TSelf FromValue(string value);

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>Gets whether the value is one this version of the contract defines.</summary>
    /// <value><see langword="true"/> for a value listed as a static property.</value>
    bool IsKnown { get; }
}
