using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportSdk.Server.Storage;

/// <summary>
/// A store engine (SQLite, PostgreSQL): one object that implements every feature's store. Code that uses a store
/// asks for the one feature it needs (<see cref="ITicketStore"/>, <see cref="IChatStore"/>, …), never for this.
/// </summary>
internal interface ISupportStoreEngine : IStoreSchema, ICredentialStore, ITicketStore, IAttachmentStore, IIdempotencyStore, IChatStore, IFaqStore, IFaqInsightsStore, IChannelReportStore, IWebhookStore, IAgentStore, ITicketWorkspaceStore;

/// <summary>Registers one store engine for every store interface (the engine is one singleton that implements them all).</summary>
internal static class SupportStores
{
    public static void Use<TStore>(IServiceCollection services, bool replace)
        where TStore : class, ISupportStoreEngine
    {
        Add<IStoreSchema>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<ICredentialStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<ITicketStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IAttachmentStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IIdempotencyStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IChatStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IFaqStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IFaqInsightsStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IChannelReportStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IWebhookStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<IAgentStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
        Add<ITicketWorkspaceStore>(services, sp => sp.GetRequiredService<TStore>(), replace);
    }

    private static void Add<T>(IServiceCollection services, Func<IServiceProvider, T> factory, bool replace)
        where T : class
    {
        var descriptor = ServiceDescriptor.Singleton(factory);
        if (replace)
        {
            services.Replace(descriptor);
        }
        else
        {
            services.TryAdd(descriptor);
        }
    }
}
