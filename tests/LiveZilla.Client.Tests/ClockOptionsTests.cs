using LiveZilla.Client.Export;
using LiveZilla.Client.Http;
using LiveZilla.Client.Watch;

namespace LiveZilla.Client.Tests;

public sealed class ClockOptionsTests
{
    [Fact]
    public void A_clock_option_set_to_null_is_the_system_clock()
    {
        Assert.Same(SystemClock.Instance, new LzClientOptions { Clock = null! }.Clock);
        Assert.Same(SystemClock.Instance, new LzExportOptions { Clock = null! }.Clock);
        Assert.Same(SystemClock.Instance, new LzWatchOptions { Clock = null! }.Clock);
    }
}
