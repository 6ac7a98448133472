using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace LiveZilla.Client.Http;

/// <summary>An operator's login. Holds only the md5 of the password (which is itself the credential); never printed.</summary>
public sealed class LzCredential
{
    private LzCredential(string userName, string passwordMd5)
    {
        UserName = userName;
        PasswordMd5 = passwordMd5;
    }

    /// <summary>Login id.</summary>
    public string UserName { get; }

    /// <summary>The lower-case md5 hex; internal so only the authenticator reads it.</summary>
    internal string PasswordMd5 { get; }

    /// <summary>Makes a credential from a plain password.</summary>
    /// <exception cref="ArgumentException">The user name is empty.</exception>
    /// <exception cref="ArgumentNullException">The password is null.</exception>
    public static LzCredential FromPassword(string userName, string password)
    {
        CheckUserName(userName);
        if (password == null) throw new ArgumentNullException(nameof(password));
        var bytes = Encoding.UTF8.GetBytes(password);
        try { return new LzCredential(userName, Md5Hex(bytes)); }
        finally { Array.Clear(bytes, 0, bytes.Length); }
    }

    /// <summary>Makes a credential from a secure string. The plain text exists only in zeroed temporary buffers while it is hashed.</summary>
    /// <exception cref="ArgumentException">The user name is empty.</exception>
    /// <exception cref="ArgumentNullException">The password is null.</exception>
    public static LzCredential FromSecureString(string userName, SecureString password)
    {
        CheckUserName(userName);
        if (password == null) throw new ArgumentNullException(nameof(password));
        return new LzCredential(userName, Md5HexOf(password));
    }

    /// <summary>Lower-case md5 hex of the UTF-8 bytes of a secure string, clearing every plain copy.</summary>
    internal static string Md5HexOf(SecureString password)
    {
        var length = password.Length;
        var chars = new char[length];
        byte[]? bytes = null;
        var ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(password);
            Marshal.Copy(ptr, chars, 0, length);
            bytes = Encoding.UTF8.GetBytes(chars);
            return Md5Hex(bytes);
        }
        finally
        {
            if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            Array.Clear(chars, 0, chars.Length);
            if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
        }
    }

    internal static string Md5Hex(byte[] bytes)
    {
        using (var md5 = MD5.Create())
        {
            var hash = md5.ComputeHash(bytes);
            var sb = new StringBuilder(32);
            foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }

    private static void CheckUserName(string userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) throw new ArgumentException("The login id must not be empty.", nameof(userName));
    }

    /// <inheritdoc />
    public override string ToString() => UserName;
}
