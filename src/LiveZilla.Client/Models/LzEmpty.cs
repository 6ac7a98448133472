using System.Collections.ObjectModel;
using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>Shared empty read-only collections.</summary>
internal static class LzEmpty
{
    public static readonly IReadOnlyDictionary<string, JsonElement> Extension = new LzExtensionData(new Dictionary<string, JsonElement>());
    public static readonly IReadOnlyDictionary<string, string> Strings = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());
}
