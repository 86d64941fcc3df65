using EdgeBuild.Engine;
using EdgeBuild.Caching;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Recipes;

/// <summary>The output cache key of the real Busybox target, computed by the engine from a planned (not run) build.</summary>
[Trait("Tier", "Integration")]
public sealed class UserlandCacheKeyTests : IDisposable
{
    private readonly RepositoryCopy _copy = new();
    private readonly TempDirectory _temp = new();

    private string BusyboxKey(RepositoryCopy copy, string artifacts = "artifacts")
    {
        var run = BuildRunner.Run(["Busybox", "--plan", "--profile", "bookworm", "--offline", "--artifacts", copy.Root / artifacts,
            "--outputs-cache", _temp["cache/outputs"]], copy.Root);
        run.ExitCode.ShouldBe(0, run.Output);
        return OutputCacheKey.Compute(run.Build.Runs.Single(r => r.Name == "Busybox").Definition);
    }

    [Fact]
    public void Another_artifacts_directory_or_another_clone_gives_the_same_key()
    {
        using var secondClone = new RepositoryCopy();

        var key = BusyboxKey(_copy);

        BusyboxKey(_copy, "other-artifacts").ShouldBe(key);
        BusyboxKey(secondClone).ShouldBe(key);
    }

    [Fact]
    public void A_changed_pin_patch_or_setting_changes_the_key()
    {
        var keys = new List<string> { BusyboxKey(_copy) };
        var pins = _copy.Root / "targets" / "pins-bookworm.json";
        File.WriteAllText(pins, File.ReadAllText(pins).Replace("faeeb244c35a348a334f4a59e44626ee870fb07b6884d68c10ae8bc19f83a694", new string('0', 64)));
        keys.Add(BusyboxKey(_copy));
        File.AppendAllText(_copy.Root / "patches" / "busybox" / "config.fragment", "# CONFIG_FEATURE_VI_UNDO is not set\n");
        keys.Add(BusyboxKey(_copy));
        var settings = _copy.Root / "targets" / "userland.json";
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"args\": [\"--help\"]", "\"args\": [\"--list\"]"));
        keys.Add(BusyboxKey(_copy));

        keys.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void Another_compiler_version_changes_the_key()
    {
        // The toolchain points at a wrapper gcc; only what it reports as its version changes between the two keys.
        var wrapper = _temp["bin/aarch64-linux-gnu-gcc"];
        void Reports(string version)
        {
            _temp.Write("bin/aarch64-linux-gnu-gcc", $"#!/bin/sh\n[ \"$1\" = -dumpfullversion ] && {{ echo {version}; exit 0; }}\nexec /usr/bin/aarch64-linux-gnu-gcc \"$@\"\n");
            File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        }
        var toolchain = _copy.Root / "toolchains" / "aarch64-linux-gnu.json";
        File.WriteAllText(toolchain, File.ReadAllText(toolchain).Replace("\"cc\": \"aarch64-linux-gnu-gcc\"", $"\"cc\": \"{wrapper}\""));
        Reports("12.2.0");
        var before = BusyboxKey(_copy);

        Reports("13.1.0-upgraded");

        BusyboxKey(_copy).ShouldNotBe(before);
    }

    public void Dispose()
    {
        _copy.Dispose();
        _temp.Dispose();
    }
}
