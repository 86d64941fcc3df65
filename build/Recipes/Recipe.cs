using System.Text;
using EdgeBuild.Manifests;
using EdgeBuild.Tooling;
using EdgeBuild.Verification;
using EdgeBuild.Reporting;

namespace EdgeBuild.Recipes;

/// <summary>
/// A static cross-build of one component from its targets/userland.json entry: fetch → extract → patch → configure →
/// make (the steps of its <see cref="RecipeKind"/>) → verify → install. The build tree lives under the work directory
/// named by the input hash (source, kind, toolchain, patches, entry), which is also the target's up-to-date key; a kconfig
/// tree is named without its config fragment and built again in place (<see cref="BuildTree"/>).
/// </summary>
public sealed class Recipe(string name)
{
    /// <summary>The component's one name (pin, patches folder, settings entry).</summary>
    public string Name => name;

    /// <summary>Hash of everything the output depends on: source, recipe version, toolchain, patches, settings.</summary>
    public string InputHash(RecipeContext context) => Hash(context, context.Patches.Hash());

    /// <summary>
    /// The build tree's key: the input hash, without the config fragment for a kind that rebuilds in place (its build
    /// system tracks each configuration symbol and command line; every other input, the compiler's version among them,
    /// still names a new tree).
    /// </summary>
    public string TreeKey(RecipeContext context) => RecipeSteps.RebuildsInPlace(context.Settings.Kind)
        ? Hash(context, context.Patches.Hash(except: KconfigFragment.FileName)) : InputHash(context);

    private string Hash(RecipeContext context, string patches)
    {
        var file = context.Pin.FileFor(context.Settings.Arch);
        var text = new StringBuilder()
            .AppendLine($"component={Name} version={context.Pin.Version} source={file.FileName}:{file.Sha256}")
            .AppendLine($"recipe={context.Settings.Kind}:{RecipeSteps.Version(context.Settings.Kind)}")
            .AppendLine($"toolchain={context.Toolchain} compiler={CompilerVersion(context.Toolchain.Tools.Cc)}")
            .AppendLine($"patches={patches}")
            .AppendLine($"settings={context.Settings.Raw}");
        return FileHash.Sha256OfText(text.ToString());
    }

    /// <summary>The summary note of a build done again in its kept tree.</summary>
    public const string ReusedNote = "build tree reused";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CompilerVersions = new();

    // A compiler upgrade changes the output, so its exact version is an input (asked once per compiler file and its change time).
    private static string CompilerVersion(string cc) => ProcessRunner.Which(cc) is not { } path ? "absent"
        : CompilerVersions.GetOrAdd($"{path} {File.GetLastWriteTimeUtc(path).Ticks} {new FileInfo(path).Length}",
            _ => ProcessRunner.OutputOfAsync(cc, ["-dumpfullversion"]).GetAwaiter().GetResult());

    /// <summary>The files the recipe installs (the target's outputs).</summary>
    public IReadOnlyList<string> Outputs(RecipeContext context) =>
        [context.BinDirectory / context.Settings.Install, .. context.Settings.Links.Select(l => (string)(context.BinDirectory / l)),
         .. context.Pin.LicenseFiles.Select(l => (string)(context.LicenseDirectory / Path.GetFileName(l)))];

    /// <summary>Builds, verifies and installs the component, and records it in the manifest.</summary>
    public async Task RunAsync(RecipeContext context, CancellationToken ct)
    {
        var pin = context.Pin;
        foreach (var tool in new List<string> { context.Toolchain.Tools.Cc, "make", "patch" }.Concat(RecipeSteps.Tools(context.Settings.Kind)).Where(t => ProcessRunner.Which(t) is null))
            throw new BuildException($"{Name} needs {tool}, which is not on PATH: apt-get install {string.Join(" ", tool == context.Toolchain.Tools.Cc ? context.Toolchain.Packages : [tool])} (./build.sh Doctor lists everything).");
        // One build of a component at a time per work directory (two ./build.sh in one checkout share it).
        using var buildLock = await FileLock.AcquireAsync(context.WorkDirectory / $"{Name}.lock", ct);
        var buildTree = new BuildTree(context.WorkDirectory, Name, pin.Version, TreeKey(context), keep: RecipeSteps.RebuildsInPlace(context.Settings.Kind));
        var tree = buildTree.Directory;
        var source = tree / "src";
        var log = tree / "build.log";
        // The target only runs when something changed: every other tree of this component is stale (or half-built).
        var reused = buildTree.Prepare();
        BuildReport.Current.Information($"{Name} {pin.Version} for {context.Settings.Arch} ({context.Toolchain.Triplet}) in {tree}; log: {log}");
        var file = pin.FileFor(context.Settings.Arch);
        if (reused) BuildReport.Current.Information($"{Name}: {ReusedNote} (same sources, patches, toolchain and settings as its last build: make recompiles only what the config fragment's change touches)");
        else
        {
            var archive = await context.Fetcher.FetchAsync(pin, file, ct);
            try { await Extraction.SafeExtractor.ExtractAsync(archive, source, ct, stripTopLevel: true); }
            catch
            {
                // Nothing of a tree that never got its source is worth keeping in the work directory.
                Directory.Delete(tree, recursive: true);
                throw;
            }
            await context.Patches.ApplyAsync(source, log, ct);
        }
        await RecipeSteps.ConfigureAsync(context, source, log, ct);
        var binary = await RecipeSteps.MakeAsync(context, source, log, ct);

        var facts = ElfInspector.VerifyStatic(binary, context.Toolchain.Elf);
        BuildReport.Current.Information($"{Path.GetFileName(binary)}: {facts}");
        await SmokeRunAsync(context, binary, ct);
        await InstallAsync(context, source, binary, file, ct);
        buildTree.Completed();
        if (reused) BuildReport.Current.Note(ReusedNote);
        BuildReport.Current.Note($"{Name} {pin.Version} {context.Settings.Arch}: {facts}");
    }

    /// <summary>Checks installed outputs (restored from the output cache): static ELF of the toolchain's kind, then the qemu smoke run.</summary>
    public async Task VerifyInstalledAsync(RecipeContext context, CancellationToken ct)
    {
        var installed = context.BinDirectory / context.Settings.Install;
        BuildReport.Current.Information($"{Path.GetFileName(installed)}: {ElfInspector.VerifyStatic(installed, context.Toolchain.Elf)}");
        await SmokeRunAsync(context, installed, ct);
    }

    /// <summary>Runs the binary under qemu-user and checks it prints the pinned version; skipped with a warning when qemu is absent.</summary>
    public static async Task SmokeRunAsync(RecipeContext context, string binary, CancellationToken ct)
    {
        var qemu = context.Toolchain.Qemu;
        if (ProcessRunner.Which(qemu) is null)
        {
            BuildReport.Current.Warning($"{qemu} is absent: {Path.GetFileName(binary)} was not run (apt-get install {string.Join(" ", context.Toolchain.QemuPackages)}).");
            BuildReport.Current.Note($"not run: {qemu} absent");
            return;
        }
        var check = context.Settings.VersionCheck;
        var expected = check.Expect.Replace("{version}", context.Pin.Version);
        var result = await ProcessRunner.RunAsync(qemu, [binary, .. check.Args], new ProcessOptions { CaptureOutput = true, AllowFailure = true }, ct);
        var output = result.StandardOutput + string.Join("\n", result.LastLines);
        if (!output.Contains(expected, StringComparison.Ordinal))
            throw new BuildException($"{qemu} {binary} {string.Join(" ", check.Args)} exited {result.ExitCode} without printing '{expected}'. Output:\n{output.Trim()}");
        BuildReport.Current.Information($"{qemu} {Path.GetFileName(binary)} {string.Join(" ", check.Args)}: {output.Split('\n').First(l => l.Contains(expected, StringComparison.Ordinal)).Trim()}");
    }

    private async Task InstallAsync(RecipeContext context, string source, string binary, Pins.PinFile file, CancellationToken ct)
    {
        var settings = context.Settings;
        var installed = context.BinDirectory.CreateDirectory() / settings.Install;
        Files.WriteAtomically(installed, stream => { using var input = File.OpenRead(binary); input.CopyTo(stream); },
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var link in settings.Links)
        {
            var path = context.BinDirectory / link;
            if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
            File.CreateSymbolicLink(path, settings.Install);
        }
        var template = new ManifestEntry
        {
            Component = Name, Version = context.Pin.Version, Target = context.Target, License = context.Pin.License,
            Source = $"{file.FileName} sha256:{file.Sha256}",
        };
        var entries = new List<ManifestEntry>
        {
            await context.Manifest.RecordFileAsync(installed, template with { Arch = settings.Arch, Changes = Changes(context), Links = settings.Links }, ct),
        };
        foreach (var licenseFile in context.Pin.LicenseFiles)
        {
            if (!File.Exists(Path.Combine(source, licenseFile))) throw new BuildException($"{Name} {context.Pin.Version}: licence file {licenseFile} (pin {context.Pin.Origin}) is not in the source tree.");
            var to = context.LicenseDirectory.CreateDirectory() / Path.GetFileName(licenseFile);
            // Read through the confined tree: a licence link may lead elsewhere in the source, never out of it.
            Files.WriteAtomically(to, stream => { using var input = new Extraction.ConfinedTree(source).OpenRead(licenseFile, $"{Name}'s licence file"); input.CopyTo(stream); });
            entries.Add(await context.Manifest.RecordFileAsync(to, template, ct));
        }
        BuildReport.Current.Information($"Installed {installed.RelativeTo(context.BoardArtifacts)}" + (settings.Links.Count > 0 ? $" (+ links {string.Join(", ", settings.Links)})" : ""));
    }

    /// <summary>What differs from upstream, for the manifest: patches, and a kconfig component's fragment settings.</summary>
    private static IReadOnlyList<string> Changes(RecipeContext context) =>
        [.. context.Patches.Describe(), .. context.Settings.Kind == RecipeKind.Kconfig ? KconfigFragment.Describe(context.Patches) : []];
}
