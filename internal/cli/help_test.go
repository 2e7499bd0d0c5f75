package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/config"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden help files in testdata/help")

// helpPaths lists every command and help topic of the tree, as the words
// that name it (the root is the empty list). cobra's own completion
// commands are left out: their text is cobra's.
func helpPaths(c *cobra.Command, parent []string) [][]string {
	out := [][]string{parent}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "completion" || sub.Name() == "help" {
			continue
		}
		out = append(out, helpPaths(sub, append(append([]string(nil), parent...), sub.Name()))...)
	}
	return out
}

// TestHelpGolden: `otapush --help` and every command's help, as users see
// them, are checked in under testdata/help (one file per command) so a
// change to any of them shows in review side by side; `go test -run
// TestHelpGolden ./internal/cli -update` rewrites them. The texts also
// follow the house rules: a Long help opens with a capital, no flag's
// help has a back-quoted word (pflag would show it as the value's name),
// and the help topics are aligned with the commands.
func TestHelpGolden(t *testing.T) {
	t.Setenv("HOME", "/home/user")
	t.Setenv("XDG_CACHE_HOME", "")
	ios, _, _, _ := TestStreams()
	paths := helpPaths(NewRootCmd(ios), nil)
	if len(paths) < 12 {
		t.Fatalf("only %d commands found", len(paths))
	}
	seen := map[string]bool{}
	for _, p := range paths {
		name := "otapush"
		if len(p) > 0 {
			name += "_" + strings.Join(p, "_")
		}
		seen[name+".txt"] = true
		t.Run(name, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			args := append(append([]string(nil), p...), "--help")
			if len(p) > 0 && p[len(p)-1] == "exit-codes" {
				args = []string{"help", "exit-codes"}
			}
			if code := Main(context.Background(), args, ios); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			got := out.String()
			file := filepath.Join("testdata", "help", name+".txt")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("help differs from %s (run with -update and review the diff):\n%s", file, got)
			}
			checkHelpText(t, got)
		})
	}
	// A golden file of a command that is gone is stale.
	files, _ := filepath.Glob(filepath.Join("testdata", "help", "*.txt"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s: no such command any more; delete it", f)
		}
	}
}

var backquoted = regexp.MustCompile("^\\s+(-\\w, )?--[\\w-]+ \\w+.*`")

// checkHelpText applies the rules every help text follows.
func checkHelpText(t *testing.T, help string) {
	t.Helper()
	if r := []rune(strings.TrimSpace(help)); len(r) > 0 && unicode.IsLower(r[0]) && !strings.HasPrefix(help, "otapush ") {
		t.Errorf("the help starts in lower case: %.60q", help)
	}
	section := ""
	col := -1
	for _, l := range strings.Split(help, "\n") {
		if l != "" && !strings.HasPrefix(l, " ") {
			section, col = l, -1
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "--") && strings.Contains(l, "`") {
			t.Errorf("a flag's help has a back-quoted word (pflag takes it for the value's name): %q", l)
		}
		if strings.Contains(l, "  --") && backquoted.MatchString(l) {
			t.Errorf("back quotes: %q", l)
		}
		if section == "Available Commands:" || section == "Additional help topics:" {
			// Name and text are set apart by at least two spaces, the
			// texts of one section in one column.
			f := strings.TrimLeft(l, " ")
			i := strings.Index(f, "  ")
			if l == "" {
				continue
			}
			if i < 0 {
				t.Errorf("%s: name and text run together: %q", section, l)
				continue
			}
			c := len(l) - len(f) + i + len(f[i:]) - len(strings.TrimLeft(f[i:], " "))
			if col >= 0 && c != col {
				t.Errorf("%s: misaligned: %q", section, l)
			}
			col = c
		}
	}
}

// TestDocsNameEveryUpdateFlagAndConfigKey: the README (or docs/) names
// every flag of update, the command the docs explain, and the README every
// config key, so nothing is findable in --help only.
func TestDocsNameEveryUpdateFlagAndConfigKey(t *testing.T) {
	var docs strings.Builder
	for _, f := range []string{"../../README.md", "../../docs/ci.md", "../../docs/agent.md", "../../docs/json.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs.Write(b)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := TestStreams()
	flags := regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([\w-]+)`).FindAllStringSubmatch(newUpdateCmd(&GlobalOptions{IO: ios}).Flags().FlagUsages(), -1)
	if len(flags) < 20 {
		t.Fatalf("only %d update flags found", len(flags))
	}
	for _, f := range flags {
		if !strings.Contains(docs.String(), "--"+f[1]) {
			t.Errorf("update --%s is in its help only", f[1])
		}
	}
	for _, k := range config.KnownKeys() {
		if !strings.Contains(string(readme), "`"+k+"`") {
			t.Errorf("the README does not name the config key %q", k)
		}
	}
}
