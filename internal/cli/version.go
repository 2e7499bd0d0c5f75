package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/agent"
)

// versionDoc is `version --json`.
type versionDoc struct {
	Version   int    `json:"version"`
	Otapush   string `json:"otapush"`
	Agent     string `json:"agent"`     // the agent this otapush installs
	AgentAPI  int    `json:"agent_api"` // the agent API it speaks
	GoVersion string `json:"go"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
}

func newVersionCmd(g *GlobalOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print otapush's version, the agent version it installs, and its Go build",
		Long: `Print otapush's own version, the version of the on-board agent it carries
(and installs or upgrades on every board it updates), the Go version it was
built with and the system it runs on. 'otapush status' shows the agent a
board runs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d := versionDoc{Version: jsonVersion, Otapush: Version, Agent: agent.Version, AgentAPI: agent.APIVersion,
				GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
			if asJSON {
				return writeJSON(g.IO.Out, d)
			}
			fmt.Fprintf(g.IO.Out, "otapush %s\nagent   %s (api %d)\ngo      %s %s/%s\n", d.Otapush, d.Agent, d.AgentAPI, d.GoVersion, d.OS, d.Arch)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the versions as one JSON document (see docs/json.md)")
	return cmd
}
