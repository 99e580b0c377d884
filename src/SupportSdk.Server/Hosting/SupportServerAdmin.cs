using Microsoft.Extensions.Options;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server;

/// <summary>
/// Administration of an embedded server from code or a CLI: schema, keys, help-center import and search. Resolve it
/// from the service provider of a host that called <c>AddSupportServer</c>.
/// </summary>
public sealed class SupportServerAdmin
{
    private readonly IStoreSchema _schema;
    private readonly ICredentialStore _keys;
    private readonly Credentials _credentials;
    private readonly FaqCatalog _catalog;
    private readonly SupportServerOptions _options;
    private readonly Channels.ManifestPublisher _manifest;
    private Task? _initialization;

    internal SupportServerAdmin(IStoreSchema schema, ICredentialStore keys, Credentials credentials, FaqCatalog catalog, IOptions<SupportServerOptions> options, Channels.ManifestPublisher manifest)
    {
        _manifest = manifest;
        _schema = schema;
        _keys = keys;
        _credentials = credentials;
        _catalog = catalog;
        _options = options.Value;
    }

    /// <summary>Creates or migrates the schema and adds the keys from the options. Safe to call more than once.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="ArgumentException">A configured key is shorter than 24 characters.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _initialization);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            var fresh = InitializeCoreAsync(cancellationToken);
            current = Interlocked.CompareExchange(ref _initialization, fresh, current) == current ? fresh : _initialization!;
        }

        return current;
    }

    private async Task InitializeCoreAsync(CancellationToken cancellationToken)
    {
        await _schema.MigrateAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in _options.ApiKeys)
        {
            await _credentials.AddKeyAsync(Credentials.ApiKeyKind, "configured", key, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (name, key) in _options.AgentKeys)
        {
            await _credentials.AddKeyAsync(Credentials.AgentKeyKind, name, key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets whether any API or agent key exists.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when at least one key is stored.</returns>
    public async Task<bool> HasKeysAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _keys.CountKeysAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Creates a new API key for an exchange backend. Only its hash is stored: show it once.</summary>
    /// <param name="name">A label for the key.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The key.</returns>
    public Task<string> CreateApiKeyAsync(string name, CancellationToken cancellationToken = default) =>
        CreateKeyAsync(Credentials.ApiKeyKind, name, cancellationToken);

    /// <summary>Creates a new agent key. Only its hash is stored: show it once.</summary>
    /// <param name="agentName">The agent's display name, shown to customers.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The key.</returns>
    public Task<string> CreateAgentKeyAsync(string agentName, CancellationToken cancellationToken = default) =>
        CreateKeyAsync(Credentials.AgentKeyKind, agentName, cancellationToken);

    /// <summary>Imports a Zendesk Help Center export: files or folders of the articles, sections and categories list responses.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many articles, sections and categories were imported.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not a Help Center export.</exception>
    public async Task<FaqImportSummary> ImportZendeskHelpCenterAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var import = await ZendeskImporter.ReadAsync(paths, cancellationToken).ConfigureAwait(false);
        await _catalog.ImportAsync(import, cancellationToken).ConfigureAwait(false);
        return new FaqImportSummary(import.Articles.Select(a => a.Id).Distinct().Count(), import.Articles.Count, import.Sections.Count, import.Categories.Count,
            [.. import.Articles.Select(a => a.Locale).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Gets the number of help-center articles (all locales).</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountFaqArticlesAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return (await _catalog.GetAsync(cancellationToken).ConfigureAwait(false)).ArticleCount;
    }

    /// <summary>Searches the help center exactly as <c>GET /v1/faq/search</c> does.</summary>
    /// <param name="query">The query.</param>
    /// <param name="locale">The locale, e.g. <c>en-us</c>.</param>
    /// <param name="limit">The most results to return.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The results, best first.</returns>
    public async Task<FaqSearchResults> SearchFaqAsync(string query, string locale, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Search(query, Locales.Normalize(locale) ?? _options.DefaultLocale, Math.Clamp(limit, 1, 50));
    }

    /// <summary>
    /// Gets the public key (base64 SubjectPublicKeyInfo) that signs the official-channel manifest: the value clients
    /// pin in <c>SupportClientOptions.ManifestPublicKeys</c>. Creates the signing key file on first use.
    /// </summary>
    /// <returns>The public key, or <see langword="null"/> when no official channels are configured.</returns>
    public string? GetManifestPublicKey() => _manifest.PublicKey;

    /// <summary>Creates a new ECDSA P-256 manifest signing key file, readable by its owner only.</summary>
    /// <param name="path">Where to write the PEM file; it must not exist.</param>
    /// <returns>The public key (base64 SubjectPublicKeyInfo) for clients to pin.</returns>
    /// <exception cref="IOException">The file exists or cannot be written.</exception>
    public static string CreateManifestSigningKey(string path) => Channels.ManifestPublisher.CreateKeyFile(path);

    private async Task<string> CreateKeyAsync(string kind, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var key = Credentials.NewKey(kind);
        await _credentials.AddKeyAsync(kind, name.Trim(), key, cancellationToken).ConfigureAwait(false);
        return key;
    }
}

/// <summary>What a help-center import brought in.</summary>
/// <param name="Articles">Articles imported (an article in two languages counts once).</param>
/// <param name="Pages">Article translations imported (an article in two languages counts twice).</param>
/// <param name="Sections">Section translations imported.</param>
/// <param name="Categories">Category translations imported.</param>
/// <param name="Locales">The locales of the imported articles.</param>
public sealed record FaqImportSummary(int Articles, int Pages, int Sections, int Categories, IReadOnlyList<string> Locales);
