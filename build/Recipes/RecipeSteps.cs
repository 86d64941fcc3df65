using EdgeBuild.Tooling;

namespace EdgeBuild.Recipes;

/// <summary>The configure and make steps of each <see cref="RecipeKind"/>, driven by the component's data entry.</summary>
public static class RecipeSteps
{
    /// <summary>Bumped when a kind's steps change, so every build of that kind is redone.</summary>
    public static int Version(RecipeKind kind) => kind switch
    {
        RecipeKind.Autotools => 2,
        RecipeKind.Kconfig => 2,
        RecipeKind.Make => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Configures <paramref name="source"/> the way the component's kind does.</summary>
    public static async Task ConfigureAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        var settings = context.Settings;
        var environment = Environment(context, source);
        var configure = Path.Combine(source, "configure");
        switch (settings.Kind)
        {
            case RecipeKind.Autotools:
                // Trees taken from a git tag (Debian's uscan mode=git .orig) carry configure.ac but no generated configure.
                if (!File.Exists(configure)) await RunAsync(source, log, "autoreconf", ["-fi"], environment, ct);
                await RunAsync(source, log, configure, [$"--host={context.Toolchain.Triplet}", .. settings.ConfigureArgs.Select(context.Expand)], environment, ct);
                break;
            case RecipeKind.Make:
                if (File.Exists(configure)) await RunAsync(source, log, configure, settings.ConfigureArgs.Select(context.Expand), environment, ct);
                break;
            case RecipeKind.Kconfig:
                await RunAsync(source, log, "make", ["defconfig"], environment, ct);
                var fragment = context.Patches.Directory / KconfigFragment.FileName;
                if (fragment.FileExists()) KconfigFragment.Apply(Path.Combine(source, ".config"), fragment);
                // oldconfig settles what depends on the changed symbols; newlines accept each default it asks about.
                await RunAsync(source, log, "make", ["oldconfig"], environment, ct, input: new string('\n', 2000));
                break;
        }
    }

    /// <summary>Runs make with the entry's arguments and goals; returns the built binary's path.</summary>
    public static async Task<string> MakeAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        var settings = context.Settings;
        await RunAsync(source, log, "make", [$"-j{context.Jobs}", .. settings.MakeArgs.Select(context.Expand), .. settings.MakeTargets], Environment(context, source), ct);
        return Path.Combine(source, settings.From ?? settings.Install);
    }

    /// <summary>
    /// True for kconfig (Kbuild): its tree is built again in place after a config change, since fixdep makes each object
    /// depend on the CONFIG_ symbols it uses and the saved .cmd files recompile an object whose command line changed, so
    /// the result is the same bytes as a clean build (tests/Recipes/BuildTreeReuseTests.cs). Autotools and plain make do
    /// not track their configuration that way: they always get a fresh tree.
    /// </summary>
    public static bool RebuildsInPlace(RecipeKind kind) => kind == RecipeKind.Kconfig;

    /// <summary>The host programs a kind needs beyond the compiler, make and patch.</summary>
    public static IReadOnlyList<string> Tools(RecipeKind kind) => kind == RecipeKind.Autotools ? ["autoreconf"] : [];

    private static Dictionary<string, string?> Environment(RecipeContext context, string source)
    {
        // The toolchain's environment (ccache) first; the component's own variables win.
        var environment = new Dictionary<string, string?>(context.ToolEnvironment);
        foreach (var (key, value) in context.Settings.Environment) environment[key] = context.Expand(value).Replace("{tree}", source);
        if (context.Settings.Kind == RecipeKind.Kconfig)
        {
            // Reproducible: no build timestamp in the banner; the tree's own date instead of now.
            environment["KCONFIG_NOTIMESTAMP"] = "1";
            environment["SOURCE_DATE_EPOCH"] = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(source, "Makefile"))).ToUnixTimeSeconds().ToString();
        }
        return environment;
    }

    private static Task RunAsync(string directory, string log, string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, CancellationToken ct, string? input = null) =>
        ProcessRunner.RunAsync(executable, args, new ProcessOptions
        {
            WorkingDirectory = directory, LogFile = log, StandardInput = input, Environment = environment,
        }, ct);
}
