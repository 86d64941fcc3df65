using EdgeBuild.Engine;
using EdgeBuild.Tests.Support;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Cli;

/// <summary>The artifacts root: checked writable before any work, and emptied by Clean only when the build made it.</summary>
public class OutputRootTests
{
    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task A_read_only_artifacts_directory_is_refused_before_anything_runs_naming_it_and_the_parameter()
    {
        using var readOnly = new ReadOnlyMount();
        var artifacts = Path.Combine(readOnly.Path, "out");

        var run = await Task.Run(() => BuildRunner.Run(["Userland", "--artifacts", artifacts]));

        run.ExitCode.ShouldBe(BuildExecutor.UsageError, run.Output);
        run.Output.ShouldContain($"Cannot write to {artifacts} (--artifacts)");
        run.Output.ShouldContain("read-only file system");
        run.Output.ShouldContain("Nothing was run");
        run.Build.Runs.ShouldNotContain(r => r.Status == TargetStatus.Succeeded || r.Status == TargetStatus.Failed);
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Plan_with_artifacts_under_a_file_is_a_clear_error_not_a_crash()
    {
        var run = await Task.Run(() => BuildRunner.Run(["Userland", "--plan", "--artifacts", "/dev/null/x"]));

        run.ExitCode.ShouldBe(BuildExecutor.UsageError, run.Output);
        run.Output.ShouldContain("Cannot write to /dev/null/x (--artifacts)");
        run.Output.ShouldNotContain("Exception");
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Fast")]
    public async Task Clean_refuses_a_directory_the_build_did_not_make_and_deletes_nothing()
    {
        using var root = CheckoutCopy();
        using var user = new TempDirectory();
        user.Write("thesis.tex", "years of work");
        user.Write("rk3568/notes.txt", "a folder that happens to share a board's name");

        var run = await Task.Run(() => BuildRunner.Run(["Clean", "--artifacts", user.Path], root.Path));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Output.ShouldContain($"Refusing to clean {user.Path} (--artifacts)");
        run.Output.ShouldContain("Nothing was deleted");
        File.ReadAllText(user["thesis.tex"]).ShouldBe("years of work");
        File.Exists(user["rk3568/notes.txt"]).ShouldBeTrue();
        File.Exists(user[OutputRoots.MarkerName]).ShouldBeFalse();
    }

    [Fact(Timeout = 60000)]
    [Trait("Tier", "Integration")]
    public async Task Clean_on_an_artifacts_root_the_build_made_removes_only_the_entries_it_knows()
    {
        using var root = CheckoutCopy();
        using var parent = new TempDirectory();
        var artifacts = Path.Combine(parent.Path, "artifacts");
        BuildRunner.Run(["Doctor", "--plan", "--artifacts", artifacts], root.Path).ExitCode.ShouldBe(0);
        File.WriteAllText(Path.Combine(artifacts, "kept.txt"), "not the build's");
        Directory.CreateDirectory(Path.Combine(artifacts, "rk3568", "docker-static"));

        File.WriteAllText(Path.Combine(artifacts, ".rk3568.manifest.lock"), "");
        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke", "temp", "work", "busybox-1"));

        var run = await Task.Run(() => BuildRunner.Run(["Clean", "--artifacts", artifacts], root.Path));

        run.ExitCode.ShouldBe(0, run.Output);
        string.Join(" ", Directory.GetFileSystemEntries(artifacts).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            .ShouldBe(".edge-build-owned kept.txt", run.Output);
        Directory.Exists(Path.Combine(root.Path, ".nuke", "temp", "work")).ShouldBeFalse();

        // A board entry that is a link is removed as a link; what it points at stays.
        using var elsewhere = new TempDirectory();
        elsewhere.Write("keep.txt", "behind a link");
        Directory.CreateSymbolicLink(Path.Combine(artifacts, "rk3568"), elsewhere.Path);
        BuildRunner.Run(["Clean", "--artifacts", artifacts], root.Path).ExitCode.ShouldBe(0);
        Path.Exists(Path.Combine(artifacts, "rk3568")).ShouldBeFalse();
        File.ReadAllText(elsewhere["keep.txt"]).ShouldBe("behind a link");
    }

    // A checkout with the repository's data (targets/) but its own .nuke/temp, so Clean touches nothing shared.
    private static TempDirectory CheckoutCopy()
    {
        var root = new TempDirectory();
        Directory.CreateDirectory(root[".nuke"]);
        Directory.CreateSymbolicLink(root["targets"], Path.Combine(RepositoryRoot.Path, "targets"));
        return root;
    }
}
