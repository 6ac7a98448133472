namespace LiveZilla.Client.Paging;

/// <summary>What stands in a listing's order of windows: a window asked for, or a stretch of time still to be cut into windows.</summary>
internal abstract class LzSweepSlot
{
}

/// <summary>
/// A stretch <c>[From, To)</c> of first-message time not yet asked for, cut into windows one at a time as requests may be
/// sent, each as wide as the answers from this stretch suggest; with <see cref="OpenTop"/> it ends in a window open to the future.
/// </summary>
internal sealed class LzTicketStretch : LzSweepSlot
{
    /// <summary>Largest factor by which the width grows after an empty answer, so a sparse stretch cannot make it overshoot wildly.</summary>
    internal const double MaxGrowth = 8;
    /// <summary>Widths stay far from overflow when added to a UNIX time.</summary>
    internal const long MaxWidth = 1L << 40;

    private long _learnedFrom = long.MinValue;  // start of the window the width was last learned from
    private bool _learnedEmpty;  // that window was empty: windows cut before the next answer grow as if they were too

    public LzTicketStretch(long from, long to, bool openTop, long width)
    {
        From = from;
        To = to;
        OpenTop = openTop;
        Width = Clamp(width);
    }

    public long From { get; private set; }
    public long To { get; }
    public bool OpenTop { get; private set; }
    public long Width { get; private set; }
    public bool Exhausted => From >= To && !OpenTop;

    /// <summary>The next window of the stretch, or null when it is all cut.</summary>
    public LzTicketWindow? CutNext(int limit)
    {
        if (From < To)
        {
            long end = Math.Min(To, From + Width);
            var window = new LzTicketWindow(From, end, limit, this);
            From = end;
            if (_learnedEmpty) Width = Clamp(Width * MaxGrowth);
            return window;
        }
        if (!OpenTop) return null;
        OpenTop = false;
        return new LzTicketWindow(From, null, limit, this);
    }

    /// <summary>New windows are cut with what the answer nearest the uncut part taught.</summary>
    public void Learn(LzTicketWindow window, long width)
    {
        if (window.From < _learnedFrom) return;
        _learnedFrom = window.From;
        Width = Clamp(width);
        _learnedEmpty = window.Count == 0 && window.To.HasValue;
    }

    /// <summary>Scales the width when the page size changes.</summary>
    public void Scale(double factor) => Width = Clamp(Width * factor);

    internal static long Clamp(double width) => Math.Max(1, (long)Math.Min(MaxWidth, width));
}
