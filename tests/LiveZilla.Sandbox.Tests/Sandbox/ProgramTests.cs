using System.Diagnostics;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The sandbox as a program: the line scripts parse, stopping when stdin closes, usage and errors.</summary>
public sealed class ProgramTests
{
    private static Process Start(string arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "LiveZilla.Sandbox.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Program_prints_its_url_serves_the_prefix_and_exits_when_stdin_closes()
    {
        using Process process = Start("--port 0 --seed 3 --prefix /livezilla/ --fault http503@p_chats_list");
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(line);
            Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+/livezilla/$", line);
            var baseUri = new Uri(line!["Listening on ".Length..]);
            using var api = new LzApi(baseUri, "admin", LzApi.Md5("admin123"));
            Assert.Equal(3, (await api.ListIdsAsync("")).Count);
            Assert.Equal(503, (await api.CallAsync("p_chats_list=1")).Code);
            using var http = new HttpClient();
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync(new Uri(baseUri, "/api/v2/api.php"), null)).StatusCode);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Help_prints_usage_and_a_bad_option_exits_with_2()
    {
        using Process help = Start("--help");
        string usage = await help.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await help.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--seed N", usage, StringComparison.Ordinal);
        Assert.Contains("--fault SPEC", usage, StringComparison.Ordinal);
        Assert.Contains("--profile NAME", usage, StringComparison.Ordinal);

        using Process bad = Start("--port banana");
        string error = await bad.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await bad.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--port needs a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_sandbox_presents_its_self_signed_certificate()
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { Https = true });
        Assert.Equal("https", sandbox.BaseUri.Scheme);
        using var strict = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.PostAsync(sandbox.ApiUri, null));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.Thumbprint == sandbox.Certificate!.Thumbprint,
        };
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"), handler);
        Assert.Equal(200, (await api.CallAsync("p_tickets_list=1&p_limit=1")).Code);
    }
}
