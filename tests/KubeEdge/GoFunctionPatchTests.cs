using EdgeBuild.Tooling;
using EdgeBuild.Tests.Support;
using EdgeBuild.Engine;
using EdgeBuild.KubeEdge;
using EdgeBuild.Tests.KubeEdge.Fixtures;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.KubeEdge;

/// <summary>The ParseKeyValue patch (patches/kubeedge/0001-*.gofunc) on each vendored runc shape.</summary>
[Trait("Tier", "Fast")]
public class GoFunctionPatchTests
{
    private static GoFunctionPatch ParseKeyValuePatch =>
        GoFunctionPatch.Load(Directory.GetFiles(Repository.KubeEdgePatches, "*parse-key-value*.gofunc").Single());

    [Theory]
    [InlineData(RuncVariant.Rc95)]
    [InlineData(RuncVariant.V103)]
    [InlineData(RuncVariant.V11)]
    [InlineData(RuncVariant.V12)]
    public void ParseKeyValue_is_replaced_as_a_whole_and_a_second_run_changes_nothing(RuncVariant variant)
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, variant, EdgedForm.EdgedConstants);
        var file = dir[KubeEdgeFixtureTree.UtilsGo];
        var originalHash = FileHash.Sha256(file);

        var first = ParseKeyValuePatch.Apply(dir.Path, "1.9.1");
        var patched = File.ReadAllText(file);
        var second = ParseKeyValuePatch.Apply(dir.Path, "1.9.1");

        first.Changed.ShouldBeTrue();
        first.Sha256Before.ShouldBe(originalHash);
        first.Sha256After.ShouldBe(FileHash.Sha256(file));
        patched.ShouldContain("multiplier = 1024");
        patched.ShouldNotContain("strings.SplitN(t, \" \", 3)");
        patched.ShouldNotContain("strings.Cut(t, \" \")");
        System.Text.RegularExpressions.Regex.Matches(patched, @"func ParseKeyValue\(").Count.ShouldBe(1);
        // Only the function (with its doc comment) changed: the neighbours with braces in literals are intact.
        patched.ShouldContain("return \"max}\" + string('}') + `{unbalanced`");
        patched.ShouldContain("func ParseUint(s string, base, bitSize int) (uint64, error) {");
        second.Changed.ShouldBeFalse();
        second.Description.ShouldNotBeNull().ShouldContain("already patched");
        File.ReadAllText(file).ShouldBe(patched);
    }

    [Fact]
    public void A_file_without_the_signature_fails_naming_file_and_version()
    {
        using var dir = new TempDirectory();
        KubeEdgeFixtureTree.Write(dir.Path, RuncVariant.V11, EdgedForm.EdgedConstants);
        var file = dir[KubeEdgeFixtureTree.UtilsGo];
        File.WriteAllText(file, File.ReadAllText(file).Replace("func ParseKeyValue(t string)", "func ParseKeyValueLine(t string)"));

        var e = Should.Throw<BuildException>(() => ParseKeyValuePatch.Apply(dir.Path, "1.14.5"));

        e.Message.ShouldContain(file);
        e.Message.ShouldContain("1.14.5");
        e.Message.ShouldContain("func ParseKeyValue(t string) (string, uint64, error)");
    }

    [Fact]
    public void The_function_end_is_found_past_braces_in_strings_runes_raw_strings_and_comments()
    {
        const string source = "package p\n\n// Doc line one.\n// Doc line two.\nfunc F(a string) (int, error) {\n\ts := \"}\" + `}{` + string('}') // }\n\t/* } */\n\tif s != \"\" {\n\t\treturn 1, nil\n\t}\n\treturn 0, nil\n}\n\nfunc G() {}\n";

        var span = GoSource.FindFunction(source, "func F(a string) (int, error)");

        span.ShouldNotBeNull();
        var text = source.Substring(span.Value.Start, span.Value.Length);
        text.ShouldStartWith("// Doc line one.");
        text.ShouldEndWith("\treturn 0, nil\n}");
    }

    [Fact]
    public void The_signature_is_found_whatever_the_spacing_but_not_inside_another_name()
    {
        const string source = "package p\n\nfunc ParseKeyValueLine(t string) (string, uint64, error) { return \"\", 0, nil }\n\nfunc  ParseKeyValue( t string ) (string,uint64,\n\terror) {\n\treturn \"\", 0, nil\n}\n";

        var span = GoSource.FindFunction(source, "func ParseKeyValue(t string) (string, uint64, error)");

        span.ShouldNotBeNull();
        source.Substring(span.Value.Start, span.Value.Length).ShouldStartWith("func  ParseKeyValue( t string )");
    }
}
