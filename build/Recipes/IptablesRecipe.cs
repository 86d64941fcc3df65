namespace EdgeBuild.Recipes;

/// <summary>
/// iptables: autotools cross configure (--host, static, legacy backend: nftables needs libmnl/libnftnl), then
/// make with libtool's -all-static; xtables-legacy-multi is installed with iptables* and ip6tables* links.
/// </summary>
public sealed class IptablesRecipe : Recipe
{
    public override string Name => "iptables";
    protected override int RecipeVersion => 1;

    protected override Task ConfigureAsync(RecipeContext context, string source, string log, CancellationToken ct) =>
        RunAsync(source, log, Path.Combine(source, "configure"), [$"--host={context.Toolchain.Triplet}", .. context.Settings.ConfigureArgs], Environment(), ct);

    protected override async Task<string> MakeAsync(RecipeContext context, string source, string log, CancellationToken ct)
    {
        await RunAsync(source, log, "make", [$"-j{context.Jobs}", "LDFLAGS=-all-static"], Environment(), ct);
        return Path.Combine(source, "iptables", context.Settings.Install);
    }

    // Optional libraries (libnetfilter_conntrack, libnfnetlink) found by the host's pkg-config would be host builds.
    private static Dictionary<string, string?> Environment() => new() { ["PKG_CONFIG"] = "false" };
}
