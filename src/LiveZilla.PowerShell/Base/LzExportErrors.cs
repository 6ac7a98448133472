using LiveZilla.Client.Export;

namespace LiveZilla.PowerShell.Base;

/// <summary>Maps export and file problems to cmdlet errors with a stable id, a category and the file as target.</summary>
internal static class LzExportErrors
{
    public static LzCmdletException From(LzExportException ex)
    {
        switch (ex.Reason)
        {
            case LzExportFailure.AlreadyExists:
                return new LzCmdletException(LzErrorIds.ExportExists, ErrorCategory.ResourceExists,
                    ex.Message, ex.Path, "Add -Resume to continue it, or -Force to replace it.", ex);
            case LzExportFailure.NothingToResume:
            case LzExportFailure.FiltersDiffer:
                return new LzCmdletException(LzErrorIds.ExportCannotResume, ErrorCategory.InvalidOperation,
                    ex.Message, ex.Path, "Run without -Resume, or with the filters of the interrupted export.", ex);
            case LzExportFailure.ManifestMissing:
                return new LzCmdletException(LzErrorIds.ExportManifestMissing, ErrorCategory.ObjectNotFound,
                    ex.Message, ex.Path, "Finish the export with Export-LzTicket -Resume.", ex);
            default:
                return new LzCmdletException(LzErrorIds.ExportCorrupt, ErrorCategory.InvalidData,
                    ex.Message, ex.Path, "Start the export again with -Force.", ex);
        }
    }

    public static LzCmdletException FromFile(Exception ex, string path)
    {
        switch (ex)
        {
            case FileNotFoundException _:
            case DirectoryNotFoundException _:
                return new LzCmdletException(LzErrorIds.FileNotFound, ErrorCategory.ObjectNotFound,
                    $"The file '{path}' does not exist.", path, "Check the path.", ex);
            case InvalidDataException _:
                return new LzCmdletException(LzErrorIds.InvalidFile, ErrorCategory.InvalidData,
                    ex.Message, path, "Check that the file is an export written by Export-LzTicket.", ex);
            case UnauthorizedAccessException _:
                return new LzCmdletException(LzErrorIds.InvalidFile, ErrorCategory.PermissionDenied,
                    $"Access to '{path}' is denied: {ex.Message}", path, "Choose a path you can write to.", ex);
            default:
                return new LzCmdletException(LzErrorIds.InvalidFile, ErrorCategory.WriteError,
                    $"'{path}' could not be read or written: {ex.Message}", path, "Check the disk and the path.", ex);
        }
    }
}
