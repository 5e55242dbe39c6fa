namespace HushRyd.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding HushRyd.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "HushRyd.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HushRyd.sln not found above " + AppContext.BaseDirectory);
    }
}
