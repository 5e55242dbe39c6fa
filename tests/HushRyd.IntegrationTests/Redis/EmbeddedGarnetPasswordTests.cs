using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Redis;

/// <summary>Embedded Garnet listens on loopback, which every local user can reach; only the data directory's secret opens it.</summary>
[UnsupportedOSPlatform("windows")]
public class EmbeddedGarnetPasswordTests
{
    [Fact]
    public async Task A_client_without_the_data_directory_secret_is_refused()
    {
        using var directory = new TempDirectory();
        var (garnet, _) = await TestRedis.StartGarnetOnAsync(directory.Path);
        await using (garnet)
        {
            var port = ((IPEndPoint)garnet.Multiplexer.GetEndPoints()[0]).Port;
            await garnet.Multiplexer.GetDatabase().StringSetAsync("location:trip_1", "28.6,77.2");

            var noPassword = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true,connectTimeout=3000"));
            var wrongPassword = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},password=guess,abortConnect=true,connectTimeout=3000"));

            Assert.Contains("NOAUTH", noPassword.ToString(), StringComparison.Ordinal);
            Assert.Contains("WRONGPASS", wrongPassword.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("-NOAUTH", await RawReplyAsync(port, "*2\r\n$3\r\nGET\r\n$15\r\nlocation:trip_1\r\n"), StringComparison.Ordinal);
            Assert.StartsWith("-NOAUTH", await RawReplyAsync(port, "*3\r\n$3\r\nSET\r\n$15\r\nlocation:trip_1\r\n$6\r\nforged\r\n"), StringComparison.Ordinal);
            Assert.Equal("28.6,77.2", await garnet.Multiplexer.GetDatabase().StringGetAsync("location:trip_1"));
        }
    }

    [Fact]
    public async Task The_secret_is_made_once_per_data_directory_readable_by_its_owner_only_and_never_in_the_description()
    {
        using var directory = new TempDirectory();
        var secretFile = Path.Combine(EmbeddedGarnet.DirectoryIn(directory.Path), GarnetSecret.FileName);
        var (first, firstConnection) = await TestRedis.StartGarnetOnAsync(directory.Path);
        var secret = await File.ReadAllTextAsync(secretFile);
        await using (first)
        {
            Assert.DoesNotContain(secret, first.Description, StringComparison.Ordinal);
            Assert.Contains(secret, firstConnection, StringComparison.Ordinal);
        }

        var (second, _) = await TestRedis.StartGarnetOnAsync(directory.Path);
        await using (second)
        {
            Assert.True(await second.Multiplexer.GetDatabase().PingAsync() < TimeSpan.FromSeconds(5));
        }

        Assert.Equal(64, secret.Length);
        Assert.Equal(secret, await File.ReadAllTextAsync(secretFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        using var other = new TempDirectory();
        var (third, _) = await TestRedis.StartGarnetOnAsync(other.Path);
        await using (third)
        {
            Assert.NotEqual(secret, await File.ReadAllTextAsync(Path.Combine(EmbeddedGarnet.DirectoryIn(other.Path), GarnetSecret.FileName)));
        }
    }

    [Fact]
    public async Task A_secret_file_other_users_can_read_stops_start_up_naming_the_fix()
    {
        using var directory = new TempDirectory();
        var (garnet, _) = await TestRedis.StartGarnetOnAsync(directory.Path);
        await garnet.DisposeAsync();
        var secretFile = Path.Combine(EmbeddedGarnet.DirectoryIn(directory.Path), GarnetSecret.FileName);
        File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<StartupException>(() => TestRedis.StartGarnetOnAsync(directory.Path));

        Assert.Contains("can be read by other users", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RawReplyAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
