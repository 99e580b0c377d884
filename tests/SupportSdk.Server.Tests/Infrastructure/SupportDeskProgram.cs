namespace SupportSdk.Server.Tests;

/// <summary>The built SupportDesk program, run as a process by the tests that exercise it as an operator would.</summary>
internal static class SupportDeskProgram
{
    public static string Path
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return System.IO.Path.Combine(TestData.RepositoryRoot, "samples", "SupportDesk", "bin", configuration, "net10.0", "SupportDesk.dll");
        }
    }
}
