using BenchmarkDotNet.Attributes;
using SupportSdk.Benchmarks.Clients;

namespace SupportSdk.Benchmarks.InMemory;

/// <summary>
/// P2: one call per operation over <see cref="CannedSupportHandler"/> (no socket), per client variant. The raw
/// HttpClient + generated JSON is each category's baseline, so the Ratio and Alloc Ratio columns read against the floor.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[CategoriesColumn]
public class InMemoryClientBenchmarks
{
    private CannedSupportHandler _handler = null!;
    private RawCalls _raw = null!;
    private SdkCalls _sdk = null!;
    private SdkCalls _sdkNoResilience = null!;
    private RestSharpCalls _restSharp = null!;

    // Synchronous on purpose: the in-process toolchain does not await an async [GlobalSetup].
    [GlobalSetup]
    public void Setup()
    {
        _handler = new CannedSupportHandler(CannedPayloads.CreateAsync().GetAwaiter().GetResult());
        var variants = InMemoryVariants.Create(_handler);
        (_raw, _sdkNoResilience, _sdk, _restSharp) = ((RawCalls)variants[0], (SdkCalls)variants[1], (SdkCalls)variants[2], (RestSharpCalls)variants[3]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _sdk.Dispose();
        _sdkNoResilience.Dispose();
        _restSharp.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("TicketGet")]
    public Task<Ticket> TicketGet_Raw() => _raw.GetTicketAsync(CannedPayloads.TicketId);

    [Benchmark, BenchmarkCategory("TicketGet")]
    public Task<Ticket> TicketGet_SdkNoResilience() => _sdkNoResilience.GetTicketAsync(CannedPayloads.TicketId);

    [Benchmark, BenchmarkCategory("TicketGet")]
    public Task<Ticket> TicketGet_Sdk() => _sdk.GetTicketAsync(CannedPayloads.TicketId);

    [Benchmark, BenchmarkCategory("TicketGet")]
    public Task<Ticket> TicketGet_RestSharp() => _restSharp.GetTicketAsync(CannedPayloads.TicketId);

    [Benchmark(Baseline = true), BenchmarkCategory("TicketCreate")]
    public Task<Ticket> TicketCreate_Raw() => _raw.CreateTicketAsync(CannedPayloads.NewTicket);

    [Benchmark, BenchmarkCategory("TicketCreate")]
    public Task<Ticket> TicketCreate_SdkNoResilience() => _sdkNoResilience.CreateTicketAsync(CannedPayloads.NewTicket);

    [Benchmark, BenchmarkCategory("TicketCreate")]
    public Task<Ticket> TicketCreate_Sdk() => _sdk.CreateTicketAsync(CannedPayloads.NewTicket);

    [Benchmark, BenchmarkCategory("TicketCreate")]
    public Task<Ticket> TicketCreate_RestSharp() => _restSharp.CreateTicketAsync(CannedPayloads.NewTicket);

    [Benchmark(Baseline = true), BenchmarkCategory("FaqSearch")]
    public Task<FaqSearchResults> FaqSearch_Raw() => _raw.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us");

    [Benchmark, BenchmarkCategory("FaqSearch")]
    public Task<FaqSearchResults> FaqSearch_SdkNoResilience() => _sdkNoResilience.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us");

    [Benchmark, BenchmarkCategory("FaqSearch")]
    public Task<FaqSearchResults> FaqSearch_Sdk() => _sdk.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us");

    [Benchmark, BenchmarkCategory("FaqSearch")]
    public Task<FaqSearchResults> FaqSearch_RestSharp() => _restSharp.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us");
}
