using EdgeBuild.Tooling;

namespace EdgeBuild.Recipes;

/// <summary>
/// A component's build tree under the work directory, named by a hash of what it was built from. A tree that can be
/// built again in place (a kconfig tree: see <see cref="RecipeSteps.RebuildsInPlace"/>) is named without the config
/// fragment and kept, so a fragment change recompiles only what it touches; any other tree is named by the whole input
/// hash and made fresh. A tree is reused only when its last build completed (a marker written after the built binary
/// passed its checks), so a killed or failed run leaves nothing a later run builds on.
/// </summary>
public sealed class BuildTree(AbsolutePath workDirectory, string component, string version, string key, bool keep)
{
    private const string CompletedMarker = "completed";

    /// <summary>The tree: &lt;work&gt;/&lt;component&gt;-&lt;version&gt;-&lt;key prefix&gt;.</summary>
    public AbsolutePath Directory => workDirectory / $"{component}-{version}-{key[..16]}";

    /// <summary>
    /// Removes every other tree of the component, and this one too unless it is kept and its last build completed; true
    /// when the tree is reused as it is (sources extracted and patched, objects of the last build in place).
    /// </summary>
    public bool Prepare()
    {
        var reuse = keep && (Directory / CompletedMarker).FileExists();
        if (workDirectory.DirectoryExists())
            foreach (var old in System.IO.Directory.GetDirectories(workDirectory, $"{component}-*").Where(d => !reuse || d != (string)Directory))
                System.IO.Directory.Delete(old, recursive: true);
        // Until this build completes, the tree is not one to build on.
        if (reuse) File.Delete(Directory / CompletedMarker);
        Directory.CreateDirectory();
        return reuse;
    }

    /// <summary>Marks the tree as built completely (only a kept tree is ever reused).</summary>
    public void Completed()
    {
        if (keep) File.WriteAllText(Directory / CompletedMarker, $"{DateTime.UtcNow:O}\n");
    }
}
