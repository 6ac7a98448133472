using CsCheck;

namespace LiveZilla.Client.Tests.Support;

/// <summary>Property checks with CsCheck generators, driven from a fixed seed so every run sees the same inputs.</summary>
internal static class Property
{
    private const ulong Seed = 20261101;

    public static void ForAll<T>(Gen<T> gen, Action<T> property, int iterations = 2000)
    {
        var pcg = new PCG(7, Seed);
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try { property(value); }
            catch (Exception ex) { throw new Xunit.Sdk.XunitException($"Property failed at iteration {i} for input {Check.Print(value)}: {ex.Message}"); }
        }
    }
}
