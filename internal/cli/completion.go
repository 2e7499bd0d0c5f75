package cli

import (
	"os/exec"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/source"
)

// registerPortCompletion completes a --port flag with what discovery
// finds: MicroPython boards first (their paths and id:SERIAL), then the
// other serial ports, then "auto". l points at the command's lister seam,
// read at completion time (tests set it after the command is built).
func registerPortCompletion(cmd *cobra.Command, flag string, l **ports.Lister) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		lister := *l
		if lister == nil {
			lister = ports.System()
		}
		list, err := lister.List(cmd.Context())
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		add := func(value, desc string) {
			if strings.HasPrefix(value, toComplete) {
				out = append(out, cobra.CompletionWithDesc(value, desc))
			}
		}
		for _, p := range list {
			desc := strings.TrimSpace(p.Manufacturer + " " + p.Product)
			if p.Simulated {
				desc = strings.TrimSpace(desc + " (simulated)")
			}
			add(p.Path, desc)
			if p.MicroPython && p.SerialNumber != "" {
				add("id:"+p.SerialNumber, "the board at "+p.Path+", wherever it is plugged")
			}
		}
		add("auto", "the single MicroPython board")
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

// registerValueCompletion completes a flag with a fixed set of values.
func registerValueCompletion(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// registerRepoCompletion completes --repo with the GitHub repositories the
// working directory's git checkout has as remotes (as OWNER/NAME, however
// the remote URL is written): the repository a developer means is usually
// the one they are standing in.
func registerRepoCompletion(cmd *cobra.Command, flag string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		c := exec.CommandContext(cmd.Context(), "git", "config", "--get-regexp", `^remote\..*\.url$`)
		out, err := c.Output()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		seen := map[string]string{}
		for _, line := range strings.Split(string(out), "\n") {
			key, url, ok := strings.Cut(strings.TrimSpace(line), " ")
			if !ok {
				continue
			}
			owner, name, err := source.ParseRepo(url)
			if err != nil {
				continue
			}
			remote := strings.TrimSuffix(strings.TrimPrefix(key, "remote."), ".url")
			if r := owner + "/" + name; strings.HasPrefix(r, toComplete) && seen[r] == "" {
				seen[r] = "git remote " + remote
			}
		}
		var list []cobra.Completion
		for r, desc := range seen {
			list = append(list, cobra.CompletionWithDesc(r, desc))
		}
		sort.Strings(list)
		return list, cobra.ShellCompDirectiveNoFileComp
	})
}
