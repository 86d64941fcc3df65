namespace EdgeBuild.Tests.KubeEdge.Fixtures;

/// <summary>
/// fscommon/utils.go in each runc shape, written for these tests: ParseKeyValue's body as each runc version has it,
/// a ParseUint beside it (the patch calls it), and neighbours with braces in strings, runes and comments.
/// </summary>
public static class RuncUtilsSource
{
    private const string Imports = """
        import (
        	"errors"
        	"fmt"
        	"math"
        	"strconv"
        	"strings"
        )
        """;

    // Negative numbers clamp to zero: cgroup files print -1 for "unlimited" in places.
    private const string ParseUint = """
        // ParseUint reads an unsigned number; a negative one counts as zero.
        func ParseUint(s string, base, bitSize int) (uint64, error) {
        	value, err := strconv.ParseUint(s, base, bitSize)
        	if err == nil {
        		return value, nil
        	}
        	signed, signedErr := strconv.ParseInt(s, base, bitSize)
        	if signedErr == nil && signed < 0 {
        		return 0, nil
        	}
        	return 0, err
        }
        """;

    private const string Neighbours = """
        var errEmpty = errors.New("empty file {or so it seems}")

        // describe shows a value; the braces in its literals must not end a function early: '}' "}" `{`.
        func describe(value uint64) string {
        	if value == math.MaxUint64 {
        		return "max}" + string('}') + `{unbalanced`
        	}
        	/* a block comment with a brace } in it */
        	return fmt.Sprintf("{%d}", value)
        }
        """;

    /// <summary>The file's text for <paramref name="variant"/>.</summary>
    public static string For(RuncVariant variant) => variant switch
    {
        RuncVariant.Rc95 => $$"""
            // +build linux

            package fscommon

            {{Imports}}

            {{ParseUint}}

            // ParseKeyValue parses a space-separated "name value" line
            // from cgroup stat files, e.g. "cache 4096".
            func ParseKeyValue(t string) (string, uint64, error) {
            	parts := strings.SplitN(t, " ", 3)
            	if len(parts) != 2 {
            		return "", 0, fmt.Errorf("line %q is not in key value format", t)
            	}

            	value, err := ParseUint(parts[1], 10, 64)
            	if err != nil {
            		return "", 0, fmt.Errorf("unable to convert to uint64: %v", err)
            	}

            	return parts[0], value, nil
            }

            {{Neighbours}}
            """,
        RuncVariant.V103 => $$"""
            //go:build linux
            // +build linux

            package fscommon

            {{Imports}}

            {{Neighbours}}

            {{ParseUint}}

            // ParseKeyValue parses a space-separated "name value" line
            // from cgroup stat files, e.g. "rss 8192".
            func ParseKeyValue(t string) (string, uint64, error) {
            	parts := strings.SplitN(t, " ", 3)
            	if len(parts) != 2 {
            		return "", 0, fmt.Errorf("line %q is not in key value format", t)
            	}

            	value, err := ParseUint(parts[1], 10, 64)
            	if err != nil {
            		return "", 0, fmt.Errorf("unable to convert to uint64: %v", err)
            	}

            	return parts[0], value, nil
            }

            // GetValueByKey finds one key in a stat file's lines.
            func GetValueByKey(lines []string, key string) (uint64, error) {
            	for _, line := range lines {
            		k, v, err := ParseKeyValue(line)
            		if err == nil && k == key {
            			return v, nil
            		}
            	}
            	return 0, errEmpty
            }
            """,
        RuncVariant.V11 => $$"""
            package fscommon

            {{Imports}}

            {{ParseUint}}

            // ParseKeyValue parses a space-separated "name value" kind of cgroup
            // parameter and returns its key as a string, and its value as uint64
            // (ParseUint is used to convert the value). For example,
            // "io_service_bytes 1234" will be returned as "io_service_bytes", 1234.
            func ParseKeyValue(t string) (string, uint64, error) {
            	parts := strings.SplitN(t, " ", 3)
            	if len(parts) != 2 {
            		return "", 0, fmt.Errorf("line %q is not in key value format", t)
            	}

            	value, err := ParseUint(parts[1], 10, 64)
            	if err != nil {
            		return "", 0, err
            	}

            	return parts[0], value, nil
            }

            {{Neighbours}}
            """,
        RuncVariant.V12 => $$"""
            package fscommon

            {{Imports}}

            {{Neighbours}}

            // ParseKeyValue splits a "key value" cgroup line at its first space.
            func ParseKeyValue(t string) (string, uint64, error) {
            	key, val, ok := strings.Cut(t, " ")
            	if !ok || key == "" || val == "" {
            		return "", 0, fmt.Errorf(`line %q is not in "key value" {format}`, t)
            	}

            	value, err := ParseUint(val, 10, 64)
            	if err != nil {
            		return "", 0, err
            	}

            	return key, value, nil
            }

            {{ParseUint}}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    } + "\n";
}
