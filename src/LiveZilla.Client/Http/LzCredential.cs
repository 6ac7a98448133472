using System;
using System.Security;

namespace LiveZilla.Client.Http
{
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
        public static LzCredential FromPassword(string userName, string password) => throw new NotImplementedException();

        /// <summary>Makes a credential from a secure string.</summary>
        public static LzCredential FromSecureString(string userName, SecureString password) => throw new NotImplementedException();

        /// <inheritdoc />
        public override string ToString() => UserName;
    }
}
