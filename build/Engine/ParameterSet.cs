using System.Reflection;
using EdgeBuild.Tooling;

namespace EdgeBuild.Engine;

/// <summary>One [Parameter] member of the build class.</summary>
public sealed record ParameterInfo(MemberInfo Member, string Name, Type Type, string? Description, bool IsSecret, bool BareEnvironment = false, bool ValueOptional = false)
{
    /// <summary>The environment variable users would set (NUKE_NAME, or NAME where allowed bare; EDGE_BUILD_NAME also works).</summary>
    public string EnvironmentName => (BareEnvironment ? "" : "NUKE_") + Name.Replace('-', '_').ToUpperInvariant();
    /// <summary>The member's type without Nullable.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;
    /// <summary>True for flags that need no value.</summary>
    public bool IsFlag => ValueType == typeof(bool);
    /// <summary>True for parameters that take several values.</summary>
    public bool IsArray => ValueType.IsArray;

    public object? GetValue(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo f: f.SetValue(build, value); break;
            case PropertyInfo p: p.SetValue(build, value); break;
        }
    }
}

/// <summary>Discovers the build's parameters and converts text values to their types.</summary>
public static class ParameterSet
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;

    /// <summary>All [Parameter] fields and properties, base class included.</summary>
    public static IReadOnlyList<ParameterInfo> Discover(Type buildType)
    {
        var result = new List<ParameterInfo>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            foreach (var member in type.GetMembers(Members | BindingFlags.DeclaredOnly))
            {
                var attribute = member.GetCustomAttribute<ParameterAttribute>();
                if (attribute is null) continue;
                var memberType = member switch { FieldInfo f => f.FieldType, PropertyInfo p => p.PropertyType, _ => null };
                if (memberType is null) continue;
                // The binder sets parameters once; nothing may assign them afterwards, or targets would see different values.
                if (!IsInitOnly(member))
                    throw new UsageException($"Parameter {type.Name}.{member.Name} can be assigned after binding: declare it readonly (a field) or init-only (a property).");
                result.Add(new ParameterInfo(member, attribute.Name ?? Names.Kebab(member.Name), memberType,
                    attribute.Description, member.GetCustomAttribute<SecretAttribute>() is not null, attribute.BareEnvironment, attribute.ValueOptional));
            }
        return result;
    }

    private static bool IsInitOnly(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsInitOnly,
        PropertyInfo { SetMethod: null } => true,
        PropertyInfo p => p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)),
        _ => true,
    };

    /// <summary>Converts text values to the parameter's type; paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static object? Convert(ParameterInfo parameter, IReadOnlyList<string> values, string source, string baseDirectory)
    {
        var type = parameter.ValueType;
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var parts = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var array = Array.CreateInstance(element, parts.Count);
            for (var i = 0; i < parts.Count; i++) array.SetValue(ConvertOne(parameter, element, parts[i], source, baseDirectory), i);
            return array;
        }
        if (values.Count == 0 && type == typeof(bool)) return true;
        if (values.Count != 1)
            throw new UsageException($"Parameter --{parameter.Name} from {source} takes one value, got {values.Count}.");
        return ConvertOne(parameter, type, values[0], source, baseDirectory);
    }

    private static object ConvertOne(ParameterInfo parameter, Type type, string value, string source, string baseDirectory)
    {
        string Shown() => parameter.IsSecret ? "***" : $"'{value}'";
        if (type == typeof(string)) return value;
        if (type == typeof(AbsolutePath)) return AbsolutePath.Create(Path.Combine(baseDirectory, ExpandHome(value)));
        if (type == typeof(bool))
            return bool.TryParse(value, out var b) ? b
                : throw new UsageException($"Parameter --{parameter.Name} from {source}: {Shown()} is not true or false.");
        if (type == typeof(int))
            return int.TryParse(value, out var i) ? i
                : throw new UsageException($"Parameter --{parameter.Name} from {source}: {Shown()} is not a whole number.");
        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => Names.Normalize(n) == Names.Normalize(value));
            return match is not null ? Enum.Parse(type, match)
                : throw new UsageException($"Parameter --{parameter.Name} from {source}: {Shown()} is not one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}.");
        }
        throw new UsageException($"Parameter --{parameter.Name} has a type the engine cannot fill: {type.Name}.");
    }

    private static string ExpandHome(string value) =>
        value == "~" || value.StartsWith("~/") ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + value[1..] : value;
}
