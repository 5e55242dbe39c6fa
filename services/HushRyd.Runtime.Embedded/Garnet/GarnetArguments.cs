using System.Globalization;
using HushRyd.Platform.Redis;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>The command line embedded Garnet starts with.</summary>
public static class GarnetArguments
{
    /// <summary>Start size of Garnet's hash index; each checkpoint of it is a file this large.</summary>
    public const string IndexSize = "64m";

    /// <remarks>
    /// RandomAccess: Garnet's default native device needs a newer glibc than Debian 12 and kills the process on the first flush.
    /// --recover: without it a restart ignores the append-only file.
    /// --fail-on-recovery-error: without it a checkpoint or AOF that cannot be read is logged and start-up goes on with
    /// whatever was read, serving partial data as if it were whole.
    /// --aof-commit-freq: see <see cref="RedisOptions.EmbeddedAofCommitMs"/>.
    /// --aof-size-limit and --aof-segment-size: see <see cref="RedisOptions.EmbeddedAofSizeLimit"/> and
    /// <see cref="RedisOptions.EmbeddedAofSegmentSize"/>; the segment size is a parameter because a migration starts
    /// Garnet with the size the data directory was written with.
    /// --auth Password: any local user can reach a loopback port; the password is in-process only, never on a command line.
    /// --lua-transaction-mode: without it Garnet does not run a script atomically, and two racing rate-limit
    /// checks can both pass the last free slot (seen in CI: 8 allowed of a budget of 7).
    /// </remarks>
    public static string[] For(string directory, int port, RedisOptions options, string password, string aofSegmentSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            "--bind", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--auth", "Password",
            "--password", password,
            "--lua",
            "--lua-transaction-mode",
            "--aof",
            "--aof-commit-freq", options.EmbeddedAofCommitMs.ToString(CultureInfo.InvariantCulture),
            "--aof-segment-size", aofSegmentSize,
            "--aof-size-limit", options.EmbeddedAofSizeLimit,
            "--aof-size-limit-enforce-frequency", "1",
            "--checkpointdir", directory,
            "--recover",
            "--fail-on-recovery-error",
            "--device-type", "RandomAccess",
            "-m", options.EmbeddedMemory,
            "-i", IndexSize,
            "--logger-level", "Warning",
            "-q",
        ];
    }
}
