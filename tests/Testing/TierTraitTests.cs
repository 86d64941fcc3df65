using System.Reflection;
using Shouldly;
using Xunit;

namespace EdgeBuild.Tests.Testing;

/// <summary>Every test says which tier it belongs to, so `./build.sh Test --fast` never silently drops or gains one.</summary>
[Trait("Tier", "Fast")]
public class TierTraitTests
{
    private static readonly string[] Tiers = ["Fast", "Integration"];

    private static IEnumerable<string> TierValues(MemberInfo member) =>
        member.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Tier")
            .Select(a => (string)a.ConstructorArguments[1].Value!);

    [Fact]
    public void Every_test_method_has_exactly_one_tier_of_Fast_or_Integration()
    {
        var tests = typeof(TierTraitTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .ToList();

        var wrong = tests
            .Select(x => (Name: $"{x.Type.FullName}.{x.Method.Name}", Tiers: TierValues(x.Type).Concat(TierValues(x.Method)).ToList()))
            .Where(x => x.Tiers.Count != 1 || !Tiers.Contains(x.Tiers[0]))
            .Select(x => $"{x.Name}: [{string.Join(", ", x.Tiers)}]")
            .ToList();

        tests.Count.ShouldBeGreaterThan(100);
        wrong.ShouldBeEmpty("each test needs one [Trait(\"Tier\", \"Fast\")] (runs without toolchains, qemu or Docker) or [Trait(\"Tier\", \"Integration\")], on its class or on the method");
    }
}
