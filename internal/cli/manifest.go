package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/local"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/termsafe"
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
		Long: `Hash the given files and write a manifest with sorted paths, sizes, git
blob SHA1s and SHA-256s. Directories are walked like a local --source: .git,
dot-files, __pycache__, virtualenvs, what .gitignore and .otapushignore
leave out and a manifest.json at the top of --dir are skipped (a note says
what); symlinks are refused. Paths are relative to --dir (default: the
working directory). Attach the result to a release as the asset
manifest.json, or leave it at the top of a --source folder.`,
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
	inputs, skipped, err := appInputs(cmd.Context(), o.dir, args)
	if err != nil {
		return genError(err)
	}
	if len(skipped) > 0 {
		var list []string
		for i, k := range skipped {
			if i == 10 {
				list = append(list, fmt.Sprintf("... (%d in all; `otapush plan --source %s` lists them)", len(skipped), o.dir))
				break
			}
			list = append(list, fmt.Sprintf("%s (%s)", k.Path, k.Reason))
		}
		fmt.Fprintf(o.g.IO.ErrOut, "otapush: note: left out, as a local source skips them: %s\n", termsafe.String(strings.Join(list, ", ")))
	}
	if len(inputs) == 0 {
		return usageErrorf("%s holds no app files: everything in it is skipped (see `otapush plan --source %s`)", termsafe.String(strings.Join(args, " ")), termsafe.String(o.dir))
	}
	m, err := manifest.Generate(cmd.Context(), os.DirFS(o.dir), o.version, inputs)
	if err != nil {
		return genError(err)
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

// genError: what manifest gen was given is wrong (a refused path, a
// missing file) is a usage error.
func genError(err error) error {
	var pe *manifest.PathError
	var re *manifest.RefusedError
	if errors.As(err, &pe) || errors.As(err, &re) || errors.Is(err, fs.ErrNotExist) {
		return WithExit(ExitUsage, err)
	}
	return err
}

// appInputs expands the folder arguments of manifest gen into the app
// files a local source of base plans (local.AppFiles: no .git, dot-files,
// caches, virtualenvs, ignored files, nor a manifest.json at the top, so
// a folder's manifest never lists itself). File arguments are kept as
// given: naming a file is on purpose.
func appInputs(ctx context.Context, base string, args []string) (inputs []string, skipped []manifest.Skip, err error) {
	var app []string
	scanned := false
	for _, a := range args {
		p := strings.TrimSuffix(strings.TrimPrefix(a, "./"), "/")
		if p == "" {
			p = "."
		}
		fi, err := os.Lstat(filepath.Join(base, filepath.FromSlash(p)))
		if err != nil || !fi.IsDir() {
			inputs = append(inputs, a) // Generate reports what is wrong with it
			continue
		}
		if !scanned {
			if app, skipped, err = local.AppFiles(ctx, base); err != nil {
				return nil, nil, err
			}
			scanned = true
		}
		for _, f := range app {
			if p == "." || strings.HasPrefix(f, p+"/") {
				inputs = append(inputs, f)
			}
		}
	}
	return inputs, skipped, nil
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
