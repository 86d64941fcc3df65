using EdgeBuild.Engine;
using EdgeBuild.Pins;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;
using EdgeBuild.Reporting;

namespace EdgeBuild.Tests.Pins;

[Trait("Tier", "Fast")]
public class PinSetTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static TempDirectory WithPin()
    {
        var dir = new TempDirectory();
        dir.Write("pins/tool.json", $$"""
            { "name": "tool", "version": "1.0", "license": "MIT", "licenseFiles": ["COPYING"],
              "files": [ { "fileName": "tool-1.0.tar.gz", "sha256": "{{Hash.ToUpperInvariant()}}", "hashSource": "test",
                           "urls": ["https://example.org/tool-1.0.tar.gz"], "mirrors": ["https://mirror.example.org/tool-1.0.tar.gz"] } ] }
            """);
        return dir;
    }

    [Fact]
    public void Pins_load_from_their_folder_with_lower_case_hashes()
    {
        using var dir = WithPin();
        var pin = PinSet.Load(dir["pins"])["tool"];
        pin.Version.ShouldBe("1.0");
        pin.FileFor().Sha256.ShouldBe(Hash);
        pin.FileFor().Mirrors.ShouldBe(["https://mirror.example.org/tool-1.0.tar.gz"]);
    }

    [Fact]
    public void A_pins_file_overrides_only_the_fields_it_gives_and_is_reported()
    {
        using var dir = WithPin();
        var overrides = dir.Write("local.json", """{ "tool": { "license": "Apache-2.0" } }""");
        var set = PinSet.Load(dir["pins"], overrides);
        set["tool"].License.ShouldBe("Apache-2.0");
        set["tool"].Version.ShouldBe("1.0");
        set["tool"].Origin.ShouldBe(overrides);
        set.Overridden.ShouldBe(["tool"]);
    }

    [Fact]
    public void An_unknown_pin_lists_the_known_ones()
    {
        using var dir = WithPin();
        Should.Throw<BuildException>(() => PinSet.Load(dir["pins"])["toal"]).Message.ShouldContain("Known: tool");
    }

    [Fact]
    public void A_malformed_hash_names_the_file_and_pin()
    {
        using var dir = WithPin();
        var overrides = dir.Write("bad.json", """{ "tool": { "files": [ { "fileName": "x.tgz", "sha256": "abc" } ] } }""");
        var e = Should.Throw<BuildException>(() => PinSet.Load(dir["pins"], overrides));
        e.Message.ShouldContain("x.tgz");
        e.Message.ShouldContain("not 64 hex digits");
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_named_by_its_place_without_dotnet_type_names()
    {
        using var dir = WithPin();
        var overrides = dir.Write("bad.json", """{ "tool": { "version": 12 } }""");
        var e = Should.Throw<BuildException>(() => PinSet.Load(dir["pins"], overrides));
        e.Message.ShouldContain("pin 'tool' is malformed at $.version");
        e.Message.ShouldContain("expected text");
        e.Message.ShouldNotContain("System.");
    }

    [Fact]
    public void A_missing_pins_file_is_a_clear_error()
    {
        using var dir = WithPin();
        Should.Throw<BuildException>(() => PinSet.Load(dir["pins"], dir["nope.json"])).Message.ShouldContain("--pins");
    }
}

[Trait("Tier", "Fast")]
public class PlaceholderHashTests
{
    [Fact]
    public void An_all_zero_hash_is_a_placeholder_with_a_hint_naming_BumpVersions()
    {
        var placeholder = new PinFile { FileName = "docker-18.09.2.tgz", Sha256 = new string('0', 64) };
        placeholder.HasRecordedHash.ShouldBeFalse();
        placeholder.PlaceholderHint("docker-static").ShouldContain("records its sha256 in targets/pins.lock.json");

        var recorded = placeholder with { Sha256 = "0b0616e20d95e7ba95a24bb9150de9c7848316374aaa33f0dd1f5de8f6face61" };
        recorded.HasRecordedHash.ShouldBeTrue();
        recorded.PlaceholderHint("docker-static").ShouldBeEmpty();
    }
}
