namespace EdgeBuild.Recipes;

/// <summary>
/// iproute2: its own configure with PKG_CONFIG=false (the host's pkg-config would add host libraries such as
/// libtirpc and break the static cross link), then make of the configured SUBDIRS (lib ip) with -static.
/// </summary>
public sealed class Iproute2Recipe : Recipe
{
    public override string Name => "iproute2";
    protected override int RecipeVersion => 1;

    protected override Task ConfigureAsync(RecipeContext context, string source, string log, CancellationToken ct) =>
        RunAsync(source, log, Path.Combine(source, "configure"), [], Environment(context), ct);

    protected override async Task<string> MakeAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        var tools = context.Toolchain.Tools;
        await RunAsync(source, log, "make", [$"-j{context.Jobs}", $"CC={tools.Cc}", $"AR={tools.Ar}", $"LDFLAGS={context.Toolchain.Ldflags}",
            $"SUBDIRS={string.Join(" ", context.Settings.MakeSubdirs)}"], Environment(context), ct);
        return Path.Combine(source, "ip", context.Settings.Install);
    }

    private static Dictionary<string, string?> Environment(RecipeContext context) => new()
    {
        ["PKG_CONFIG"] = "false",
        ["CC"] = context.Toolchain.Tools.Cc,
        ["AR"] = context.Toolchain.Tools.Ar,
    };
}
