using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Export;

/// <summary>
/// Exports every ticket matching a query to a JSON Lines file, losslessly, resumably and verifiably.
/// </summary>
/// <remarks>
/// <para>
/// The pager reports, after each window, a time before which every ticket has been emitted. Tickets are held until
/// that time passes them, then written sorted by (first-message time, id) in one appended, flushed chunk, and only
/// then does the state file (<c>&lt;file&gt;.state.json</c>, replaced atomically) record the new watermark, count
/// and length. The file is therefore always sorted, whatever the window sizes, and a resumed export (from the
/// watermark, after cutting anything beyond the recorded length) writes exactly what an uninterrupted one would.
/// </para>
/// <para>
/// Tickets the server cannot encode are isolated by the pager and written to <c>&lt;file&gt;.errors.jsonl</c> under
/// the same watermark rule. At the end <c>&lt;file&gt;.manifest.json</c> records count, time range, error count,
/// filters and the SHA-256 of the data file, and the state file is removed.
/// </para>
/// </remarks>
public sealed class LzTicketExporter
{
    private static readonly JsonSerializerOptions s_json = new JsonSerializerOptions { WriteIndented = true };
    private static readonly JsonSerializerOptions s_line =
        new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ILzTicketApi _api;
    private readonly LzExportOptions _options;

    /// <summary>Creates an exporter over <paramref name="api"/> (normally an <see cref="LzClient"/>).</summary>
    public LzTicketExporter(ILzTicketApi api, LzExportOptions? options = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new LzExportOptions();
        if (_options.PageSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), _options.PageSize, "PageSize must be a positive number of tickets.");
    }

    /// <summary>Exports every ticket matching <paramref name="query"/> to <paramref name="path"/>.</summary>
    /// <exception cref="LzExportException">The target exists, there is nothing to resume, the filters differ, or the files are damaged.</exception>
    /// <exception cref="Errors.LzApiException">The server failed in a way that ends the listing; the export can be resumed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the export can be resumed.</exception>
    public async Task<LzExportResult> ExportAsync(string path, LzTicketQuery query, CancellationToken cancellationToken = default)
    {
        if (path == null) throw new ArgumentNullException(nameof(path));
        if (query == null) throw new ArgumentNullException(nameof(query));
        if (query.Id.HasValue || query.Limit.HasValue || query.MaxTickets.HasValue)
            throw new ArgumentException("An export takes filters only: no ticket id and no limit.", nameof(query));
        path = Path.GetFullPath(path);
        using (var run = new Run(this, path, LzExportFilters.From(query)))
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long? CreatedSeconds(LzTicket ticket) => ticket.Created?.ToUnixTimeSeconds();

    /// <summary>One export run: open files, the held tickets, the running hash.</summary>
    private sealed class Run : IDisposable
    {
        private readonly LzTicketExporter _owner;
        private readonly LzExportOptions _options;
        private readonly string _path, _errorsPath, _statePath, _manifestPath;
        private readonly LzExportFilters _filters;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        // Emitted but not yet below the watermark: a resume would list them again, so they are not written yet.
        private readonly List<(long Created, LzTicket Ticket)> _held = new List<(long Created, LzTicket Ticket)>();
        private readonly List<LzTicketListFailure> _heldFailures = new List<LzTicketListFailure>();
        private readonly MemoryStream _chunk = new MemoryStream();
        private FileStream? _data, _errors;
        private LzExportState _state = new LzExportState();
        private long _writtenThisRun;
        private double _fraction;

        public Run(LzTicketExporter owner, string path, LzExportFilters filters)
        {
            _owner = owner;
            _options = owner._options;
            _path = path;
            _errorsPath = LzExportPaths.Errors(path);
            _statePath = LzExportPaths.State(path);
            _manifestPath = LzExportPaths.Manifest(path);
            _filters = filters;
        }

        public async Task<LzExportResult> ExecuteAsync(CancellationToken ct)
        {
            bool resumed = false;
            if (_options.Resume && File.Exists(_statePath))
            {
                OpenForResume();
                resumed = true;
            }
            else if (_options.Resume && File.Exists(_manifestPath) && File.Exists(_path))
            {
                return FinishedEarlier();
            }
            else if (_options.Resume)
            {
                throw new LzExportException(LzExportFailure.NothingToResume, _path,
                    $"There is no interrupted export to resume at '{_path}' (no '{Path.GetFileName(_statePath)}'). " +
                    "Run Export-LzTicket without -Resume to start one.");
            }
            else OpenNew();

            var query = _state.Filters.ToQuery();
            // The watermark W means every ticket created before W is written: ask for W and later (after = W - 1).
            if (_state.Watermark is long watermark)
            {
                var after = DateTimeOffset.FromUnixTimeSeconds(watermark - 1);
                if (!query.CreatedAfter.HasValue || query.CreatedAfter.Value < after) query.CreatedAfter = after;
            }

            var pager = new LzTicketPager(_owner._api, new LzTicketPagerOptions
            {
                PageSize = _options.PageSize,
                ThrottleLimit = _options.ThrottleLimit,
                MaxWindowRetries = _options.MaxWindowRetries,
                Clock = _options.Clock,
                Progress = OnPagerProgress,
                OnError = failure =>
                {
                    _heldFailures.Add(failure);
                    _options.OnError?.Invoke(failure);
                },
            });
            bool empty = query.CreatedAfter.HasValue && query.CreatedBefore.HasValue
                && query.CreatedBefore.Value.ToUnixTimeSeconds() <= query.CreatedAfter.Value.ToUnixTimeSeconds() + 1;
            if (!empty)
            {
                await foreach (var ticket in pager.ListAsync(query, ct).ConfigureAwait(false))
                    _held.Add((CreatedSeconds(ticket) ?? long.MinValue, ticket));
            }
            ct.ThrowIfCancellationRequested();
            _fraction = 1;
            Flush(long.MaxValue);
            return Complete(resumed);
        }

        private void OpenNew()
        {
            bool exists = File.Exists(_path) || File.Exists(_statePath) || File.Exists(_manifestPath);
            if (exists && !_options.Overwrite)
                throw new LzExportException(LzExportFailure.AlreadyExists, _path,
                    $"'{_path}' already holds an export. Use -Resume to continue an interrupted one, -Force to replace it, or choose another path.");
            foreach (var stale in new[] { _manifestPath, _statePath, _statePath + ".tmp" }) if (File.Exists(stale)) File.Delete(stale);
            _state = new LzExportState { Filters = _filters };
            _data = Open(_path);
            _data.SetLength(0);
            _errors = Open(_errorsPath);
            _errors.SetLength(0);
            SaveState();
        }

        private void OpenForResume()
        {
            try
            {
                _state = JsonSerializer.Deserialize<LzExportState>(File.ReadAllBytes(_statePath), s_json) ?? throw new JsonException("empty");
            }
            catch (JsonException ex)
            {
                throw Corrupt($"its state file '{_statePath}' is not valid JSON ({ex.Message})", ex);
            }
            if (!_state.Filters.SameAs(_filters))
                throw new LzExportException(LzExportFailure.FiltersDiffer, _path,
                    $"The interrupted export at '{_path}' was started with the filters {_state.Filters}, not {_filters}. " +
                    "Resume with the same filters, or use -Force to start over.");
            if (!File.Exists(_path)) throw Corrupt("its data file is missing", null);

            _data = Open(_path);
            if (_data.Length < _state.DataLength)
                throw Corrupt($"the data file is shorter ({_data.Length} bytes) than the state records ({_state.DataLength})", null);
            // Whole lines beyond the recorded length were written after the last state save (or are half-written): cut them.
            _data.SetLength(_state.DataLength);
            HashPrefix();
            _data.Seek(0, SeekOrigin.End);

            _errors = Open(_errorsPath);
            if (_errors.Length < _state.ErrorsLength) throw Corrupt("the errors file is shorter than the state records", null);
            _errors.SetLength(_state.ErrorsLength);
            _errors.Seek(0, SeekOrigin.End);
        }

        /// <summary>Feeds the kept part of the file to the running hash, checking that it is what the state describes.</summary>
        private void HashPrefix()
        {
            _data!.Seek(0, SeekOrigin.Begin);
            var buffer = new byte[1 << 16];
            long lines = 0, position = 0, lineStart = 0, lastLineStart = 0;
            while (position < _state.DataLength)
            {
                int read = _data.Read(buffer, 0, (int)Math.Min(buffer.Length, _state.DataLength - position));
                if (read <= 0) break;
                _hash.AppendData(buffer, 0, read);
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n') continue;
                    lines++;
                    lastLineStart = lineStart;
                    lineStart = position + i + 1;
                }
                position += read;
            }
            if (lines != _state.TicketCount || lineStart != _state.DataLength)
                throw Corrupt($"the data file holds {lines} whole line(s) where the state records {_state.TicketCount}", null);
            if (lines == 0 || _state.LastLineSha256.Length == 0) return;
            var last = new byte[_state.DataLength - lastLineStart];
            _data.Seek(lastLineStart, SeekOrigin.Begin);
            int at = 0;
            while (at < last.Length)
            {
                int read = _data.Read(last, at, last.Length - at);
                if (read <= 0) break;
                at += read;
            }
            if (!string.Equals(LzSha256.Of(last, 0, last.Length), _state.LastLineSha256, StringComparison.Ordinal))
                throw Corrupt("its last recorded line differs from the one the state remembers (the file was edited)", null);
        }

        private LzExportException Corrupt(string what, Exception? inner) =>
            new LzExportException(
                LzExportFailure.Corrupt, _path, $"The interrupted export at '{_path}' cannot be resumed: {what}. Use -Force to start over.", inner);

        private static FileStream Open(string path) => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);

        private void OnPagerProgress(LzTicketPagerProgress progress)
        {
            _fraction = progress.FractionCovered;
            if (progress.CompleteBefore is DateTimeOffset completeBefore) Flush(completeBefore.ToUnixTimeSeconds());
        }

        /// <summary>Writes every held ticket and failure before <paramref name="watermark"/>, then records the watermark.</summary>
        private void Flush(long watermark)
        {
            if (_state.Watermark.HasValue && watermark <= _state.Watermark.Value && watermark != long.MaxValue) return;
            var ready = _held.Where(h => h.Created < watermark)
                .OrderBy(h => h.Created).ThenBy(h => h.Ticket.Id).ThenBy(h => h.Ticket.IdText, StringComparer.Ordinal)
                .ToList();
            if (ready.Count > 0)
            {
                _held.RemoveAll(h => h.Created < watermark);
                _chunk.SetLength(0);
                long lastLineStart = 0;
                foreach (var (created, ticket) in ready)
                {
                    lastLineStart = _chunk.Length;
                    LzTicketJsonLines.WriteLine(_chunk, ticket);
                    if (created != long.MinValue)
                    {
                        _state.FirstCreated ??= created;
                        _state.LastCreated = created;
                    }
                }
                byte[] bytes = _chunk.GetBuffer();
                int length = (int)_chunk.Length;
                _data!.Write(bytes, 0, length);
                _data.Flush(flushToDisk: true);
                _hash.AppendData(bytes, 0, length);
                _state.LastLineSha256 = LzSha256.Of(bytes, (int)lastLineStart, length - (int)lastLineStart);
                _state.TicketCount += ready.Count;
                _state.DataLength += length;
                _writtenThisRun += ready.Count;
            }

            var failures = _heldFailures.Where(f => (f.WindowStart?.ToUnixTimeSeconds() ?? long.MinValue) < watermark).ToList();
            if (failures.Count > 0)
            {
                _heldFailures.RemoveAll(f => (f.WindowStart?.ToUnixTimeSeconds() ?? long.MinValue) < watermark);
                _chunk.SetLength(0);
                foreach (var failure in failures)
                {
                    var line = new LzExportErrorLine
                    {
                        TicketId = failure.TicketId,
                        WindowStart = failure.WindowStart,
                        WindowEnd = failure.WindowEnd,
                        LzavCode = failure.Exception.LzavCode,
                        HttpStatus = failure.Exception.HttpStatus,
                        Message = failure.ToString(),
                    };
                    byte[] json = JsonSerializer.SerializeToUtf8Bytes(line, s_line);
                    _chunk.Write(json, 0, json.Length);
                    _chunk.WriteByte((byte)'\n');
                }
                _errors!.Write(_chunk.GetBuffer(), 0, (int)_chunk.Length);
                _errors.Flush(flushToDisk: true);
                _state.ErrorCount += failures.Count;
                _state.ErrorsLength += _chunk.Length;
            }

            if (watermark != long.MaxValue) _state.Watermark = watermark;
            SaveState();
            _options.Progress?.Invoke(new LzExportProgress(_state.TicketCount, _writtenThisRun, _fraction, _elapsed.Elapsed,
                _state.Watermark.HasValue ? DateTimeOffset.FromUnixTimeSeconds(_state.Watermark.Value) : (DateTimeOffset?)null));
        }

        private void SaveState() => LzAtomicFile.WriteAllBytes(_statePath, JsonSerializer.SerializeToUtf8Bytes(_state, s_json));

        private LzExportResult Complete(bool resumed)
        {
            string sha = LzSha256.Hex(_hash.GetHashAndReset());
            _errors!.Flush(true);
            _errors.Seek(0, SeekOrigin.Begin);
            string errorsSha = LzSha256.Of(_errors);
            var manifest = new LzExportManifest
            {
                ToolVersion = _options.ToolVersion ?? LzExportPaths.ToolVersion,
                CompletedAt = _options.Clock.UtcNow.ToUniversalTime(),
                DataFile = Path.GetFileName(_path),
                TicketCount = _state.TicketCount,
                Length = _state.DataLength,
                Sha256 = sha,
                ErrorCount = _state.ErrorCount,
                ErrorsFile = Path.GetFileName(_errorsPath),
                ErrorsSha256 = errorsSha,
                FirstCreated = _state.FirstCreated.HasValue ? DateTimeOffset.FromUnixTimeSeconds(_state.FirstCreated.Value) : (DateTimeOffset?)null,
                LastCreated = _state.LastCreated.HasValue ? DateTimeOffset.FromUnixTimeSeconds(_state.LastCreated.Value) : (DateTimeOffset?)null,
                Filters = _state.Filters,
            };
            _data!.Dispose();
            _errors.Dispose();
            LzAtomicFile.WriteAllBytes(_manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, s_json));
            File.Delete(_statePath);
            return Result(manifest, resumed, _writtenThisRun);
        }

        private LzExportResult FinishedEarlier()
        {
            var verification = LzExportVerifier.Verify(_path);
            if (!verification.IsValid) throw Corrupt("it is already complete, but " + string.Join(" ", verification.Problems), null);
            return Result(verification.Manifest, resumed: true, writtenThisRun: 0);
        }

        private LzExportResult Result(LzExportManifest manifest, bool resumed, long writtenThisRun) => new LzExportResult
        {
            Path = _path,
            TicketCount = manifest.TicketCount,
            TicketsThisRun = writtenThisRun,
            ErrorCount = manifest.ErrorCount,
            FirstCreated = manifest.FirstCreated.HasValue ? LzJsonValue.ToLocal(manifest.FirstCreated.Value) : (DateTimeOffset?)null,
            LastCreated = manifest.LastCreated.HasValue ? LzJsonValue.ToLocal(manifest.LastCreated.Value) : (DateTimeOffset?)null,
            Sha256 = manifest.Sha256,
            Length = manifest.Length,
            Resumed = resumed,
            Duration = _elapsed.Elapsed,
            ErrorsPath = _errorsPath,
            ManifestPath = _manifestPath,
        };

        public void Dispose()
        {
            _data?.Dispose();
            _errors?.Dispose();
            _hash.Dispose();
            _chunk.Dispose();
        }
    }
}
