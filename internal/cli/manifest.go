package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/update"
	"github.com/otapush/otapush/internal/verify"
)

type manifestGenOptions struct {
	g       *GlobalOptions
	version string
	out     string
	dir     string
	json    bool
}

// manifestGenDoc is `manifest gen --out FILE --json`: what was written.
type manifestGenDoc struct {
	Version int            `json:"version"`
	Out     string         `json:"out"`
	App     update.Version `json:"app"`
	Files   int            `json:"files"`
	Bytes   int64          `json:"bytes"`  // the listed files together
	SHA256  string         `json:"sha256"` // of the manifest file written
}

func newManifestCmd(g *GlobalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use: "manifest",
		Long: `Work with release manifests (manifest.json): the list of a release's files
with their sizes and hashes, which otapush verifies every file against.`,
		Short: "Work with release manifests (manifest.json)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newManifestGenCmd(g))
	return cmd
}

func newManifestGenCmd(g *GlobalOptions) *cobra.Command {
	o := &manifestGenOptions{g: g}
	cmd := &cobra.Command{
		Use:   "gen --version VERSION [--out manifest.json] FILE|DIR...",
		Short: "Write a deterministic manifest.json for a release",
		Long: `Hash the given files (directories are walked, .git is skipped, symlinks
are refused) and write a manifest with sorted paths, sizes, git blob SHA1s
and SHA-256s. Paths are relative to --dir (default: the working
directory). Attach the result to a release as the asset manifest.json.`,
		Example: `  otapush manifest gen --version v1.0.0 boot.py main.py lib/
  otapush manifest gen --version v1.0.0 --dir app --out manifest.json .`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runManifestGen(cmd, o, args) },
	}
	cmd.Flags().StringVar(&o.version, "version", "", "version recorded in the manifest (required)")
	cmd.Flags().StringVar(&o.out, "out", "", "write to this file instead of stdout")
	cmd.Flags().StringVar(&o.dir, "dir", ".", "directory the file arguments are relative to")
	cmd.Flags().BoolVar(&o.json, "json", false, "with --out: print what was written as one JSON document (see docs/json.md)")
	return cmd
}

func runManifestGen(cmd *cobra.Command, o *manifestGenOptions, args []string) error {
	if o.version == "" {
		return usageErrorf("--version is required (e.g. --version v1.0.0)")
	}
	if o.json && o.out == "" {
		return usageErrorf("--json describes the file --out writes; without --out the manifest itself is the output")
	}
	m, err := manifest.Generate(cmd.Context(), os.DirFS(o.dir), o.version, args)
	if err != nil {
		var pe *manifest.PathError
		var re *manifest.RefusedError
		if errors.As(err, &pe) || errors.As(err, &re) || errors.Is(err, fs.ErrNotExist) {
			return WithExit(ExitUsage, err)
		}
		return err
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if o.out == "" {
		_, err := o.g.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(o.out, buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	if o.json {
		doc := manifestGenDoc{Version: jsonVersion, Out: o.out, App: update.Version{Version: m.Version}, Files: len(m.Files), SHA256: verify.SHA256(buf.Bytes())}
		for _, f := range m.Files {
			if f.Size != nil {
				doc.Bytes += *f.Size
			}
		}
		return writeJSON(o.g.IO.Out, doc)
	}
	fmt.Fprintf(o.g.IO.ErrOut, "wrote %s: %s, version %s\n", o.out, count(len(m.Files), "file"), m.Version)
	return nil
}

// writeFileAtomic never leaves a half-written manifest behind.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".manifest-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
