namespace LiveZilla.Sandbox;

/// <summary>Entry point of the sandbox server.</summary>
public static class Program
{
    /// <summary>Runs the sandbox.</summary>
    public static int Main(string[] args) => 0;
}
