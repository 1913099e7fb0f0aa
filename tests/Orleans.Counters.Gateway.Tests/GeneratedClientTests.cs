using System.Diagnostics;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The OpenAPI document is complete enough to generate a working client: Kiota generates one from the
/// running gateway's document (<c>scripts/generate-client.sh</c>, as the README says), a small program
/// (<c>GeneratedClient/</c>) is built against it in a temporary folder, and posts events, reads the
/// summary, the top list and a track, and gets a 400 and a 403 as problems, through it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class GeneratedClientTests(KeysGatewayFixture gateway) : IClassFixture<KeysGatewayFixture>
{
    private const string Account = "kiota-client";

    [Fact]
    public async Task AClientKiotaGenerates_PostsEvents_ReadsTheirCounts_AndGetsProblems()
    {
        var (ingest, read) = await gateway.CreateAccountAsync(Account);
        var work = Directory.CreateTempSubdirectory("counters-kiota-");
        try
        {
            var generated = await RepositoryScript.RunAsync("generate-client.sh", gateway.Address.ToString(), work.FullName);
            Assert.True(generated.ExitCode == 0, $"generate-client.sh failed: {generated.Output}{generated.Error}");
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "GeneratedClient")))
            {
                File.Copy(file, Path.Combine(work.FullName, Path.GetFileName(file)));
            }

            var (exitCode, output) = await DotnetRunAsync(work.FullName, gateway.Address.ToString(), ingest, read, Account);
            Assert.True(exitCode == 0, $"the client program failed: {output}");
            using var answers = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var root = answers.RootElement;

            Assert.Equal(3, root.GetProperty("accepted").GetInt32());
            Assert.Equal(3, root.GetProperty("counted").GetInt64());
            Assert.Equal(3, root.GetProperty("yearTotal").GetInt64());
            var top = root.GetProperty("top").EnumerateArray().Select(i => (i.GetProperty("Value").GetString(), i.GetProperty("Count").GetInt64())).ToList();
            // URLs are counted by their path.
            Assert.Equal([("/a", 2L), ("/b", 1L)], top);
            Assert.Equal(400, root.GetProperty("invalid").GetProperty("status").GetInt32());
            Assert.Equal("Invalid summary request", root.GetProperty("invalid").GetProperty("Title").GetString());
            Assert.Equal(403, root.GetProperty("forbidden").GetProperty("status").GetInt32());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Builds and runs the program in folder; restores its packages from the feed NuGet is set up with.
    private static async Task<(int ExitCode, string Output)> DotnetRunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--", .. arguments])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the client program did not finish in 8 minutes: " + await output + await error);
        }

        return (process.ExitCode, await output + await error);
    }
}
