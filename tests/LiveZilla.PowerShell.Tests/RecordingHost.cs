using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace LiveZilla.PowerShell.Tests;

/// <summary>
/// A host that can prompt, as a console can: it records every line written to it and every question asked, and answers
/// each question with its default, so a test sees whether a command would have stopped to ask.
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface _ui = new();

    public override string Name => "LzRecordingHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Every question asked (choices, prompts, credentials, a line read), as its caption and message.</summary>
    public IReadOnlyList<string> Questions => _ui.Questions;
    /// <summary>Lines written, prefixed with their stream ("DEBUG: ...", "VERBOSE: ...", "WARNING: ...").</summary>
    public IReadOnlyList<string> Lines => _ui.Lines;

    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException("nested prompt");
    public override void ExitNestedPrompt() { }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class RecordingHostUserInterface : PSHostUserInterface
    {
        private readonly List<string> _questions = new();
        private readonly List<string> _lines = new();

        public IReadOnlyList<string> Questions { get { lock (_questions) return _questions.ToList(); } }
        public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

        public override PSHostRawUserInterface? RawUI => null;

        private void Asked(string what) { lock (_questions) _questions.Add(what); }
        private void Line(string text) { lock (_lines) _lines.Add(text); }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Asked(caption + ": " + message);
            return Math.Max(defaultChoice, 0);
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            Asked(caption + ": " + message);
            return new Dictionary<string, PSObject>();
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        {
            Asked(caption + ": " + message);
            return PSCredential.Empty;
        }

        public override PSCredential PromptForCredential(
            string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => PromptForCredential(caption, message, userName, targetName);

        public override string ReadLine()
        {
            Asked("ReadLine");
            return "";
        }

        public override SecureString ReadLineAsSecureString()
        {
            Asked("ReadLineAsSecureString");
            return new SecureString();
        }

        public override void Write(string value) => Line(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Line(value);
        public override void WriteLine(string value) => Line(value);
        public override void WriteErrorLine(string value) => Line("ERROR: " + value);
        public override void WriteDebugLine(string message) => Line("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Line("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Line("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
    }
}
