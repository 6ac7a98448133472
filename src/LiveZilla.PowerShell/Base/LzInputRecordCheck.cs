using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Finds the property of a piped record that PowerShell left out. A compiled cmdlet's binder skips a by-property-name value
/// that does not convert or validate, without any error, and processes the record without it (an Import-Csv row with
/// Status=Bogus became an Open ticket). The check sees that a parameter still holds its default although the record has a
/// value for it, and says which value, for which parameter, and what that parameter accepts.
/// </summary>
internal sealed class LzInputRecordCheck
{
    private readonly PSCmdlet _cmdlet;
    private readonly List<Candidate> _candidates;

    /// <summary>Call before the first record: it notes the defaults and what the command line bound (which the pipeline never rebinds).</summary>
    /// <param name="cmdlet">The cmdlet whose records are checked.</param>
    /// <param name="catchAll">The parameter that takes every piped object whole (InputObject); it says nothing about the record's values.</param>
    public LzInputRecordCheck(PSCmdlet cmdlet, string catchAll)
    {
        _cmdlet = cmdlet;
        var commandLine = new HashSet<string>(cmdlet.MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase) { catchAll };
        _candidates = new List<Candidate>();
        foreach (var parameter in cmdlet.MyInvocation.MyCommand.Parameters.Values)
        {
            if (commandLine.Contains(parameter.Name)
                || !parameter.ParameterSets.Values.Any(set => set.ValueFromPipelineByPropertyName || set.ValueFromPipeline)) continue;
            var property = cmdlet.GetType().GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property == null) continue;
            _candidates.Add(new Candidate(parameter, property, property.GetValue(cmdlet)));
        }
    }

    /// <summary>The error for the first value of <paramref name="record"/> that was left out, or null when every value was bound.</summary>
    /// <param name="record">The piped object.</param>
    /// <param name="nothingDone">What did not happen for the record, e.g. "No ticket was created for it."</param>
    public ErrorRecord? Check(PSObject record, string nothingDone)
    {
        string set = _cmdlet.ParameterSetName;
        foreach (var candidate in _candidates)
        {
            if (!candidate.BindsByPropertyNameIn(set)) continue;
            var property = candidate.FindIn(record);
            if (property == null) continue;
            object? value;
            try { value = LzPSObject.Unwrap(property.Value); }
            catch (GetValueException) { continue; }
            if (value == null || IsBlank(value) || candidate.Holds(candidate.Property.GetValue(_cmdlet), value)) continue;
            return Refusal(record, property.Name, value, candidate, nothingDone);
        }
        return null;
    }

    /// <summary>
    /// The error for a record that gives no parameter a value, or null when it gives one. Without a parameter that takes every piped
    /// object PowerShell itself refuses such a record; with one, the command would otherwise act on the command line alone.
    /// </summary>
    /// <param name="record">The piped object.</param>
    /// <param name="nothingDone">What did not happen for the record.</param>
    public ErrorRecord? Unbound(PSObject record, string nothingDone)
    {
        string set = _cmdlet.ParameterSetName;
        var byNames = new List<string>();
        var byValues = new List<string>();
        foreach (var candidate in _candidates)
        {
            bool byName = candidate.BindsByPropertyNameIn(set), byValue = candidate.BindsByValueIn(set);
            if ((byName && candidate.FindIn(record) != null) || (byValue && candidate.WasBound(candidate.Property.GetValue(_cmdlet)))) return null;
            if (byName) byNames.Add("-" + candidate.Name);
            if (byValue) byValues.Add("-" + candidate.Name);
        }
        var reasons = new List<string>();
        if (byValues.Count > 0) reasons.Add("it is not a value for " + string.Join(", ", byValues));
        if (byNames.Count > 0) reasons.Add("it has no property named like " + string.Join(", ", byNames));
        string why = reasons.Count == 0 ? "every parameter that takes pipeline input is given on the command line" : string.Join(", and ", reasons);
        string message = $"The input record {Describe(record)} gives no value to {_cmdlet.MyInvocation.MyCommand.Name}: {why}. " +
            $"{nothingDone} The other records go on.";
        return LzErrorRecordMapper.Build(new ArgumentException(message), LzErrorIds.InputObjectNotBound, ErrorCategory.InvalidArgument, record, message,
            "Pipe objects whose properties are named like the parameters, or give the values on the command line without piping.");
    }

    private static ErrorRecord Refusal(PSObject record, string field, object value, Candidate candidate, string nothingDone)
    {
        string message = $"The input record {Describe(record)} has {field} '{Shorten(value.ToString() ?? "", 60)}', " +
            $"which -{candidate.Name} does not accept: {candidate.Expectation(value)}. {nothingDone} The other records go on.";
        return LzErrorRecordMapper.Build(new ArgumentException(message), LzErrorIds.InvalidInputValue, ErrorCategory.InvalidArgument, record, message,
            $"Correct the {field} value of this record (the error's TargetObject) and send it again.");
    }

    private static bool IsBlank(object value) => value is string text && text.Trim().Length == 0;

    private static string Describe(PSObject record)
    {
        string text = record.BaseObject is PSCustomObject ? record.ToString() : record.BaseObject.GetType().Name + " " + record;
        return Shorten(text, 120);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";

    /// <summary>One parameter that binds from a property of the piped record.</summary>
    private sealed class Candidate
    {
        private readonly ParameterMetadata _parameter;
        private readonly object? _default;
        private readonly Type _type;

        public Candidate(ParameterMetadata parameter, PropertyInfo property, object? defaultValue)
        {
            _parameter = parameter;
            Property = property;
            _default = defaultValue;
            _type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        }

        public string Name => _parameter.Name;
        public PropertyInfo Property { get; }

        public bool BindsByPropertyNameIn(string parameterSet) =>
            (_parameter.ParameterSets.TryGetValue(parameterSet, out var set)
                || _parameter.ParameterSets.TryGetValue(ParameterAttribute.AllParameterSets, out set))
            && set.ValueFromPipelineByPropertyName;

        public bool BindsByValueIn(string parameterSet) =>
            (_parameter.ParameterSets.TryGetValue(parameterSet, out var set)
                || _parameter.ParameterSets.TryGetValue(ParameterAttribute.AllParameterSets, out set))
            && set.ValueFromPipeline;

        /// <summary>Whether a parameter that binds the piped object itself took it: the binder restores its default before each record.</summary>
        public bool WasBound(object? current) => !SameValue(current, _default);

        /// <summary>The property the binder reads: the one named like the parameter, else the first alias present.</summary>
        public PSPropertyInfo? FindIn(PSObject record) =>
            record.Properties[Name] ?? _parameter.Aliases.Select(alias => record.Properties[alias]).FirstOrDefault(found => found != null);

        /// <summary>
        /// Whether the parameter holds the record's value. The binder restores a pipeline parameter's default before each record,
        /// so a parameter that still holds its default was bound only if the value itself converts to that default.
        /// </summary>
        public bool Holds(object? current, object value)
        {
            if (!SameValue(current, _default)) return true;
            return TryConvert(value, out object? converted) && SameValue(converted, current);
        }

        /// <summary>What the parameter accepts, phrased for the value it refused.</summary>
        public string Expectation(object value)
        {
            if (!TryConvert(value, out object? converted))
            {
                if (_type.IsEnum) return "use one of " + string.Join(", ", Enum.GetNames(_type));
                if (IsBoolean) return "use True or False (or 1/0, Yes/No)";
                if (_type == typeof(int) || _type == typeof(long)) return "use a whole number";
                return $"it is not a valid {_type.Name}";
            }
            foreach (var validation in _parameter.Attributes.OfType<ValidateArgumentsAttribute>())
            {
                string? problem = Problem(validation, converted);
                if (problem != null) return problem;
            }
            return "the parameter's validation refused it (see Get-Help -Parameter " + Name + ")";
        }

        private bool IsBoolean => _type == typeof(bool) || _type == typeof(SwitchParameter);

        private bool TryConvert(object value, out object? converted)
        {
            converted = null;
            if (IsBoolean)
            {
                if (value is bool flag) { converted = flag; return true; }
                if (value is string text && LzBooleanTextAttribute.TryParse(text, out bool parsed)) { converted = parsed; return true; }
                return false;
            }
            return LanguagePrimitives.TryConvertTo(value, _type, CultureInfo.InvariantCulture, out converted);
        }

        private static bool SameValue(object? a, object? b)
        {
            if (a is SwitchParameter switchA) a = switchA.IsPresent;
            if (b is SwitchParameter switchB) b = switchB.IsPresent;
            if (a is IList listA && b is IList listB) return listA.Count == listB.Count && listA.Cast<object?>().SequenceEqual(listB.Cast<object?>());
            return Equals(a, b);
        }

        private static string? Problem(ValidateArgumentsAttribute validation, object? value)
        {
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            switch (validation)
            {
                case LzValidateLanguageAttribute _:
                    return LzValidateLanguageAttribute.Problem(value);
                case ValidateRangeAttribute range when value is IConvertible:
                    decimal number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    return number < Convert.ToDecimal(range.MinRange, CultureInfo.InvariantCulture)
                        || number > Convert.ToDecimal(range.MaxRange, CultureInfo.InvariantCulture)
                        ? $"use a number from {range.MinRange} to {range.MaxRange}" : null;
                case ValidatePatternAttribute pattern:
                    return Regex.IsMatch(text, pattern.RegexPattern, pattern.Options) ? null : $"use a value that matches {pattern.RegexPattern}";
                case ValidateSetAttribute set:
                    return set.ValidValues.Contains(text, set.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
                        ? null : "use one of " + string.Join(", ", set.ValidValues);
                case ValidateLengthAttribute length:
                    return text.Length < length.MinLength || text.Length > length.MaxLength ? $"use {length.MinLength} to {length.MaxLength} characters" : null;
                default:
                    return null;
            }
        }
    }
}
