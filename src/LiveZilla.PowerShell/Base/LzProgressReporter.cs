using System.Diagnostics;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Write-Progress for long operations only: nothing during the first second (short calls do not flicker),
/// then at most a few updates per second, and a completion record if anything was shown.
/// </summary>
internal sealed class LzProgressReporter
{
    private static int s_nextActivityId = 0x4C5A0000;
    private static readonly TimeSpan s_quietPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    private readonly LzPipelineWriter _writer;
    private readonly string _activity;
    private readonly int _activityId = System.Threading.Interlocked.Increment(ref s_nextActivityId);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastShown;
    private bool _shown;

    public LzProgressReporter(LzPipelineWriter writer, string activity)
    {
        _writer = writer;
        _activity = activity;
    }

    /// <summary>
    /// Reports progress; <paramref name="fraction"/> is 0 to 1, or null when unknown;
    /// <paramref name="secondsRemaining"/> is an ETA when known.
    /// </summary>
    public void Report(string status, double? fraction, int? secondsRemaining = null)
    {
        var now = _clock.Elapsed;
        if (now < s_quietPeriod || (_lastShown.HasValue && now - _lastShown.Value < s_interval)) return;
        _lastShown = now;
        _shown = true;
        var record = new ProgressRecord(_activityId, _activity, status);
        if (fraction.HasValue) record.PercentComplete = (int)Math.Max(0, Math.Min(100, Math.Round(fraction.Value * 100)));
        if (secondsRemaining.HasValue) record.SecondsRemaining = secondsRemaining.Value;
        _writer.WriteProgress(record);
    }

    public void Complete()
    {
        if (!_shown) return;
        _writer.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
    }
}
