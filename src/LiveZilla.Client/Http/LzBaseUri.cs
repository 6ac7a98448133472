using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Http;

/// <summary>Turns what people type into the LiveZilla folder URL with a trailing slash.</summary>
internal static class LzBaseUri
{
    internal const string EndpointPath = "api/v2/api.php";
    private static readonly string[] Suffixes = { "api/v2/api.php", "api/v2/", "api/v2" };

    public static Uri Normalize(Uri uri)
    {
        if (uri == null) throw new ArgumentNullException(nameof(uri));
        if (!uri.IsAbsoluteUri)
            throw new LzInvalidRequestException($"The server URI '{uri}' is not absolute; give the LiveZilla folder, e.g. https://lz.example.com/livezilla/.");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            throw new LzInvalidRequestException($"The server URI '{uri}' must use https:// (or http:// with explicit consent).");
        var path = uri.AbsolutePath;
        foreach (var suffix in Suffixes)
        {
            if (path.EndsWith("/" + suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path.Substring(0, path.Length - suffix.Length);
                break;
            }
        }
        if (!path.EndsWith("/", StringComparison.Ordinal)) path += "/";
        // Query and fragment are dropped: the API takes every input as a form field.
        var builder = new UriBuilder(uri) { Path = path, Query = "", Fragment = "" };
        return builder.Uri;
    }

    public static Uri Endpoint(Uri normalizedBase) => new Uri(normalizedBase, EndpointPath);
}
