namespace LiveZilla.Sandbox;

/// <summary>Entry point of the sandbox server program.</summary>
public static class Program
{
    /// <summary>Runs the sandbox until Ctrl+C, SIGTERM or standard input closing.</summary>
    /// <returns>0 after a clean stop, 2 for bad options, 1 when the server could not start.</returns>
    public static async Task<int> Main(string[] args)
    {
        SandboxCommandLine commandLine;
        try
        {
            commandLine = SandboxCommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        if (commandLine.ShowHelp)
        {
            Console.Out.Write(SandboxCommandLine.Help);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(commandLine.Options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("error: the sandbox could not start: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        await using (server.ConfigureAwait(false))
        {
            // Scripts wait for this exact line, so it goes out at once.
            Console.Out.WriteLine("Listening on " + server.BaseUri);
            Console.Out.Flush();
            if (!commandLine.IgnoreStdin)
            {
                _ = Task.Run(() =>
                {
                    using Stream stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (stdin.Read(buffer, 0, buffer.Length) > 0) { }
                    stop.Cancel();
                });
            }
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stop requested.
            }
        }
        Console.CancelKeyPress -= onCancel;
        return 0;
    }
}
