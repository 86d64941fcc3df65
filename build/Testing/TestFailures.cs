using System.Xml.Linq;

namespace EdgeBuild.Testing;

/// <summary>A failed test as the TRX report gives it: its name and the first lines of its message.</summary>
public sealed record TestFailure(string Name, IReadOnlyList<string> Message)
{
    /// <summary>
    /// Reads the failed tests of a TRX file. CI shows only the head and tail of a long log, so the names are
    /// repeated after the run rather than left where dotnet test printed them.
    /// </summary>
    public static IReadOnlyList<TestFailure> Read(string trxPath, int messageLines = 3)
    {
        if (!File.Exists(trxPath)) return [];
        var document = XDocument.Load(trxPath);
        XNamespace ns = document.Root?.Name.Namespace ?? XNamespace.None;
        return document.Descendants(ns + "UnitTestResult")
            .Where(r => (string?)r.Attribute("outcome") == "Failed")
            .Select(r => new TestFailure(
                (string?)r.Attribute("testName") ?? "(unnamed test)",
                ((string?)r.Element(ns + "Output")?.Element(ns + "ErrorInfo")?.Element(ns + "Message") ?? "")
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Take(messageLines).ToList()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }
}
