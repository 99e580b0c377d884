namespace SupportSdk.Testing;

/// <summary>Finds the repository root and the test data inside it (<c>tests/TestData</c>, see its README).</summary>
public static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A file under <c>tests/TestData</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "tests", "TestData", .. parts]);

    /// <summary>The demo help center, one copy in the repository: SupportDesk's <c>DemoData/help_center</c>.</summary>
    public static string HelpCenter => System.IO.Path.Combine(RepositoryRoot, "samples", "SupportDesk", "DemoData", "help_center");

    /// <summary>The demo help center's articles in one locale (<c>en-us</c> or <c>zh-cn</c>).</summary>
    public static string HelpCenterArticles(string locale) => System.IO.Path.Combine(HelpCenter, $"articles.{locale}.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SupportSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SupportSdk.sln not found above " + AppContext.BaseDirectory);
    }
}
