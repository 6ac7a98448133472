namespace LiveZilla.Client.Export;

/// <summary>Writes small files so a crash leaves the old or the new content, never a torn one.</summary>
internal static class LzAtomicFile
{
    public static void WriteAllBytes(string path, byte[] content)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content, 0, content.Length);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(path)) File.Replace(temp, path, null);
        else File.Move(temp, path);
    }
}
