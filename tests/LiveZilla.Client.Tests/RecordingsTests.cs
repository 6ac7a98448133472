using System.Text;

namespace LiveZilla.Client.Tests;

/// <summary>The one parser of tests/fixtures/livezilla-recordings, which the client's and the sandbox's tests replay.</summary>
public class RecordingsTests
{
    [Fact]
    public void Recordings_parse_with_complete_bodies_matching_their_recorded_length()
    {
        var all = Recordings.Exchanges;
        Assert.True(all.Count >= 90, $"only {all.Count} exchanges parsed");
        Assert.Equal(all.Count, all.Select(e => e.Number).Distinct().Count());
        foreach (var e in all.Where(e => e.IsComplete && e.BodyBytes.HasValue))
            Assert.True(Encoding.UTF8.GetByteCount(e.Body) == e.BodyBytes, $"{e}: {Encoding.UTF8.GetByteCount(e.Body)} bytes parsed, {e.BodyBytes} recorded");
    }

    [Fact]
    public void Recordings_hold_every_exchange_from_001_to_099_except_the_documented_gap()
    {
        List<int> sequences = Recordings.InRecordedOrder.Select(e => int.Parse(e.Number, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        Assert.True(sequences.Count >= 90, $"only {sequences.Count} exchanges parsed");
        Assert.Equal(1, sequences.Min());
        Assert.Equal(99, sequences.Max());
    }
}
