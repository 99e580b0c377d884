namespace SupportSdk.Testing;

/// <summary>Finds the repository root and the shared test data beside it (<c>../shared/data</c>).</summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data")), .. parts]);

    public static string HelpCenter => Path("faq", "help_center");

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
