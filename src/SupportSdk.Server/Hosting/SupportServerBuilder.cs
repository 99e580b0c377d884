namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What <c>AddSupportServer</c> returns: the services, to choose the store and add optional parts.</summary>
public sealed class SupportServerBuilder
{
    internal SupportServerBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection the server was added to.</summary>
    /// <value>The services.</value>
    public IServiceCollection Services { get; }
}
