namespace EdgeBuild.Tooling;

/// <summary>Name conversions and "did you mean" suggestions.</summary>
public static class Names
{
    /// <summary>OhosSource → ohos-source.</summary>
    public static string Kebab(string name)
    {
        var chars = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                chars.Add('-');
            chars.Add(char.ToLowerInvariant(c));
        }
        return new string([.. chars]);
    }

    /// <summary>Target-name form of a data name: rk3568 → Rk3568, f2fs-tools → F2fsTools.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>OhosSource → OHOS_SOURCE.</summary>
    public static string EnvironmentName(string name) => Kebab(name).Replace('-', '_').ToUpperInvariant();

    /// <summary>Case and separators ignored: "ohos-source", "OHOS_SOURCE" and "OhosSource" are equal.</summary>
    public static string Normalize(string name) =>
        new string([.. name.Where(c => c != '-' && c != '_' && c != '.')]).ToLowerInvariant();

    /// <summary>Candidates within a small edit distance or sharing a prefix, closest first.</summary>
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> candidates, int max = 3)
    {
        var w = Normalize(wanted);
        return candidates
            .Select(c => (Name: c, Distance: Distance(w, Normalize(c))))
            .Where(x => x.Distance <= Math.Max(2, w.Length / 3) || Normalize(x.Name).StartsWith(w) || (w.Length >= 3 && Normalize(x.Name).Contains(w)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name)
            .Take(max).Select(x => x.Name).ToList();
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
