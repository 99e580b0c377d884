namespace SupportSdk.Server.Hosting;

/// <summary>Endpoint metadata marking the Support API's own endpoints (its OpenAPI document, its fallback).</summary>
internal sealed class SupportApiEndpoint
{
    public static readonly SupportApiEndpoint Instance = new();
}
