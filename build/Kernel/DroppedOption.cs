using System.Text;

namespace EdgeBuild.Kernel;

/// <summary>Why a requested option did not survive olddefconfig.</summary>
public enum DropReason { UnknownSymbol, UnmetDependency, NoPrompt, PromptHidden, ChoiceMember, Forced, Unexplained }

/// <summary>A requested option that did not survive, with the evidence from the Kconfig tree.</summary>
/// <param name="Name">CONFIG_ name.</param>
/// <param name="Requested">Value the fragment asked for.</param>
/// <param name="Actual">Value in the resulting .config ("n" when absent).</param>
/// <param name="Reason">The kind of reason.</param>
/// <param name="Details">Evaluated `depends on` expressions with locations, selectors, or the hidden prompt condition.</param>
/// <param name="Unmet">The symbols (with values) that keep the dependency from holding.</param>
/// <param name="ToAdd">Options one would add (dependencies first), or turn off, for this option to survive; empty when none helps.</param>
public sealed record DroppedOption(string Name, string Requested, string Actual, DropReason Reason,
    IReadOnlyList<string> Details, IReadOnlyList<string> Unmet, IReadOnlyList<string> ToAdd)
{
    /// <summary>A few lines for the console.</summary>
    public string Render()
    {
        var text = new StringBuilder($"- {Name}: requested {Requested}, got {Actual}: {Describe(Reason)}\n");
        foreach (var detail in Details) text.Append($"    {detail}\n");
        if (Unmet.Count > 0) text.Append($"    unmet: {string.Join(", ", Unmet)}\n");
        if (ToAdd.Count > 0) text.Append($"    to add: {string.Join(" ", ToAdd)}\n");
        return text.ToString();
    }

    /// <summary>One-phrase wording of a reason.</summary>
    public static string Describe(DropReason reason) => reason switch
    {
        DropReason.UnknownSymbol => "unknown symbol (not in this kernel)",
        DropReason.UnmetDependency => "unmet dependency",
        DropReason.NoPrompt => "has no prompt: only a select or default can set it",
        DropReason.PromptHidden => "its prompt is hidden",
        DropReason.ChoiceMember => "member of a choice where another option was kept",
        DropReason.Forced => "forced on by a select",
        _ => "dependencies hold; olddefconfig still changed it",
    };
}
