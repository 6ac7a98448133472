using System.Text.Json;

namespace LiveZilla.Client.Export;

/// <summary>Checks a finished export against its manifest.</summary>
public static class LzExportVerifier
{
    /// <summary>Checks an export against its manifest: ticket count, size and the SHA-256 of the data and errors files.</summary>
    /// <exception cref="LzExportException">There is no manifest, or it cannot be read.</exception>
    /// <exception cref="FileNotFoundException">The data file does not exist.</exception>
    public static LzExportVerification Verify(string path, CancellationToken cancellationToken = default)
    {
        if (path == null) throw new ArgumentNullException(nameof(path));
        path = Path.GetFullPath(path);
        string manifestPath = LzExportPaths.Manifest(path);
        if (!File.Exists(manifestPath))
            throw new LzExportException(LzExportFailure.ManifestMissing, path,
                $"'{path}' has no manifest ('{Path.GetFileName(manifestPath)}'): the export never finished. Finish it with Export-LzTicket -Resume.");
        LzExportManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<LzExportManifest>(File.ReadAllBytes(manifestPath)) ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            throw new LzExportException(LzExportFailure.Corrupt, path, $"The manifest '{manifestPath}' is not valid JSON: {ex.Message}", ex);
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"The export data file '{path}' does not exist.", path);

        var (sha, length, lines) = LzSha256.OfFile(path, cancellationToken);
        var problems = new List<string>();
        if (lines != manifest.TicketCount) problems.Add($"The file holds {lines} ticket line(s); the manifest records {manifest.TicketCount}.");
        if (length != manifest.Length) problems.Add($"The file is {length} bytes long; the manifest records {manifest.Length}.");
        if (!string.Equals(sha, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            problems.Add($"The SHA-256 of the file is {sha}; the manifest records {manifest.Sha256}.");
        string errorsPath = LzExportPaths.Errors(path);
        string errorsSha = File.Exists(errorsPath) ? LzSha256.OfFile(errorsPath, cancellationToken).Sha : "";
        if (manifest.ErrorsSha256.Length > 0 && !string.Equals(errorsSha, manifest.ErrorsSha256, StringComparison.OrdinalIgnoreCase))
        {
            var found = errorsSha.Length == 0 ? "missing file" : errorsSha;
            problems.Add($"The errors file '{Path.GetFileName(errorsPath)}' does not match the manifest (SHA-256 {found}).");
        }
        return new LzExportVerification
        {
            Path = path,
            Manifest = manifest,
            ExpectedTicketCount = manifest.TicketCount,
            TicketCount = lines,
            ExpectedSha256 = manifest.Sha256,
            Sha256 = sha,
            ErrorCount = manifest.ErrorCount,
            Problems = problems,
        };
    }
}
