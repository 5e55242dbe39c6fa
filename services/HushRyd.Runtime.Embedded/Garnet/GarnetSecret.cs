using System.Security.Cryptography;
using HushRyd.Platform.Hosting;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// The password embedded Garnet requires, made once per data directory and kept beside Garnet's files, readable by
/// the owner only. Nothing else depends on it: deleting the file makes a new one at the next start.
/// </summary>
public static class GarnetSecret
{
    public const string FileName = "hushryd.secret";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string LoadOrCreate(string garnetDirectory)
    {
        var path = Path.Combine(garnetDirectory, FileName);
        if (!File.Exists(path))
        {
            Create(path);
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            throw new StartupException($"{path} can be read by other users, who could then read and write embedded Garnet; delete it (a new one is made at start) or chmod 600 it.");
        }

        var secret = File.ReadAllText(path).Trim();
        return secret.Length > 0 ? secret : throw new StartupException($"{path} is empty; delete it and a new one is made at start.");
    }

    private static void Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
    }
}
