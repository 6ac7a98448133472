using System.Security.Cryptography;

namespace LiveZilla.Client.Export;

/// <summary>SHA-256 as the export files record it: lower-case hex.</summary>
internal static class LzSha256
{
    public static string Hex(byte[] hash)
    {
        var chars = new char[hash.Length * 2];
        for (int i = 0; i < hash.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[hash[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[hash[i] & 15];
        }
        return new string(chars);
    }

    public static string Of(byte[] data, int offset, int count)
    {
        using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(data, offset, count));
    }

    /// <summary>The hash of the rest of <paramref name="stream"/>.</summary>
    public static string Of(Stream stream)
    {
        using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(stream));
    }

    /// <summary>The hash, length and line count of a whole file, read once.</summary>
    public static (string Sha, long Length, long Lines) OfFile(string path, CancellationToken cancellationToken)
    {
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var buffer = new byte[1 << 16];
            long length = 0, lines = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                for (int i = 0; i < read; i++) if (buffer[i] == (byte)'\n') lines++;
                length += read;
            }
            return (Hex(hash.GetHashAndReset()), length, lines);
        }
    }
}
