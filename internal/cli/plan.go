package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/source"
	"github.com/otapush/otapush/internal/termsafe"
	"github.com/otapush/otapush/internal/update"
)

type planOptions struct {
	g    *GlobalOptions
	src  sourceFlags
	json bool
}

func newPlanCmd(g *GlobalOptions) *cobra.Command {
	o := &planOptions{g: g}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Resolve and verify a bundle and show what an update would push (touches no board)",
		Long: `Resolve the bundle (the latest release, a --tag, a --branch tip or a local
--source folder), download and verify every file on the host (git blob SHA1,
and SHA-256 when a sidecar is published), store it in the verified cache, and
print the version, the commit and the file list (for a local folder, also
what it skipped and why). No board is touched.`,
		Example: `  otapush plan --repo acme/app --channel stable
  otapush plan --repo acme/app --tag v1.2.0 --json
  otapush plan --repo acme/app --channel developer --branch main
  otapush plan --source ./app
  otapush plan --source ./app --version v1.3.0-rc1 --json
  otapush plan --source . --ref HEAD~1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runPlan(cmd, o) },
	}
	o.src.register(cmd)
	cmd.Flags().BoolVar(&o.json, "json", false, "print the plan as one JSON document (see docs/json.md)")
	return cmd
}

func runPlan(cmd *cobra.Command, o *planOptions) error {
	if err := o.Validate(cmd); err != nil {
		return err
	}
	p, _, st, err := o.src.resolvePlan(cmd.Context(), cmd, o.g)
	if err != nil {
		return err
	}
	if o.json {
		return writePlanJSON(o.g.IO.Out, p, st)
	}
	writePlanText(o.g.IO.Out, p)
	if p.Mode != manifest.ModeLocal {
		fmt.Fprintf(o.g.IO.ErrOut, "fetched %s, %d from the verified cache, %s\n", count(st.Downloaded, "blob"), st.Cached, count(st.APICalls, "API call"))
	}
	return nil
}

// PlanJSON is the --json document of `otapush plan`.
// "version" is the document's schema; the app's version is in "app", as
// a {version, commit} object like everywhere else.
type PlanJSON struct {
	Version int            `json:"version"`
	Source  string         `json:"source"`
	Repo    string         `json:"repo,omitempty"`
	Channel string         `json:"channel,omitempty"`
	Ref     string         `json:"ref,omitempty"`
	App     update.Version `json:"app"`
	Mode    string         `json:"mode"`
	Files   []PlanFileJSON `json:"files"`
	Deletes []string       `json:"deletes"`
	// Filtered: the source's files allow/ignore left out (never pushed;
	// an update deletes them from a board only with --prune).
	Filtered []string `json:"filtered"`
	// Skipped: a local source's files and folders ("name/") that are not
	// part of the app, each with why (never pushed; like filtered, an
	// update deletes them from a board only with --prune).
	Skipped []PlanSkipJSON `json:"skipped"`
	// Warnings: a valid plan that is probably not what was meant (no main.py).
	Warnings  []string      `json:"warnings"`
	Hooks     PlanHooksJSON `json:"hooks"`
	TotalSize int64         `json:"bytes"` // all files together
	Stats     PlanStatsJSON `json:"stats"`
}

// PlanFileJSON is one file of PlanJSON.
type PlanFileJSON struct {
	Path   string `json:"path"`
	Size   int64  `json:"bytes"`
	SHA1   string `json:"sha1"`
	SHA256 string `json:"sha256"`
	Mode   string `json:"mode,omitempty"`
	Action string `json:"action"`
}

// PlanSkipJSON is one skipped entry of PlanJSON.
type PlanSkipJSON struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Rule   string `json:"rule,omitempty"`
}

// PlanHooksJSON are the manifest's hook scripts.
type PlanHooksJSON struct {
	PostUpdate string `json:"post_update,omitempty"`
	Rollback   string `json:"rollback,omitempty"`
}

// PlanStatsJSON says what building the plan cost.
type PlanStatsJSON struct {
	Downloaded int   `json:"downloaded"`
	Cached     int   `json:"cached"`
	APICalls   int64 `json:"api_calls"`
}

func writePlanJSON(w io.Writer, p *manifest.Plan, st source.Stats) error {
	doc := PlanJSON{
		Version: jsonVersion, Source: p.Source, Repo: p.Repo, Channel: p.Channel, Ref: p.Ref,
		App: update.Version{Version: p.Version, Commit: p.Commit}, Mode: p.Mode,
		Files: []PlanFileJSON{}, Deletes: append([]string{}, p.Deletes...),
		Filtered: append([]string{}, p.Filtered...), Skipped: []PlanSkipJSON{}, Warnings: append([]string{}, p.Warnings()...),
		Hooks:     PlanHooksJSON{PostUpdate: p.Hooks.PostUpdate, Rollback: p.Hooks.Rollback},
		TotalSize: p.TotalSize(),
		Stats:     PlanStatsJSON{Downloaded: st.Downloaded, Cached: st.Cached, APICalls: st.APICalls},
	}
	for _, k := range p.Skipped {
		doc.Skipped = append(doc.Skipped, PlanSkipJSON{Path: k.Path, Reason: k.Reason, Rule: k.Rule})
	}
	for _, f := range p.Files {
		// Without a board there is nothing to compare with: every file
		// would be pushed. `update` reports skip/push per board.
		doc.Files = append(doc.Files, PlanFileJSON{Path: f.Path, Size: f.Size, SHA1: f.BlobSHA1, SHA256: f.SHA256, Mode: f.Mode, Action: "push"})
	}
	return writeJSON(w, doc)
}

func writePlanText(w io.Writer, p *manifest.Plan) {
	// Names and versions come from the repository: never raw to a terminal.
	safe := termsafe.String
	fmt.Fprintf(w, "Source:   %s\n", safe(p.Source))
	fmt.Fprintf(w, "Version:  %s\n", safe(p.Version))
	if p.Commit != "" {
		fmt.Fprintf(w, "Commit:   %s\n", safe(p.Commit))
	}
	fmt.Fprintf(w, "Mode:     %s\n", p.Mode)
	fmt.Fprintf(w, "Files:    %d (%s)\n", len(p.Files), humanSize(p.TotalSize()))
	if p.Hooks.PostUpdate != "" {
		fmt.Fprintf(w, "Hook:     post_update %s\n", safe(p.Hooks.PostUpdate))
	}
	if p.Hooks.Rollback != "" {
		fmt.Fprintf(w, "Hook:     rollback %s\n", safe(p.Hooks.Rollback))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACTION\tSIZE\tSHA1 (git blob)\tSHA256\tPATH")
	for _, f := range p.Files {
		fmt.Fprintf(tw, "push\t%d\t%s\t%s…\t%s\n", f.Size, f.BlobSHA1, f.SHA256[:12], safe(f.Path))
	}
	for _, d := range p.Deletes {
		fmt.Fprintf(tw, "delete\t-\t-\t-\t%s\n", safe(d))
	}
	// Left out by allow/ignore: an update refuses to delete these from a
	// board whose version has them, unless --prune.
	for _, d := range p.Filtered {
		fmt.Fprintf(tw, "filtered\t-\t-\t-\t%s\n", safe(d))
	}
	// Not part of the app (a local source's defaults and ignore files).
	for _, k := range p.Skipped {
		why := k.Reason
		if k.Rule != "" {
			why += " " + k.Rule
		}
		fmt.Fprintf(tw, "skipped\t-\t-\t-\t%s (%s)\n", safe(k.Path), safe(why))
	}
	tw.Flush()
	if len(p.Files) > 0 || len(p.Deletes) > 0 {
		fmt.Fprintln(w, "\nAn update also deletes the files of the board's current version that this one drops; `otapush update` lists them.")
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// count is "1 file" or "N files": noun's plural takes an s.
func count[N int | int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
