package cli

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/boardfs"
	"github.com/otapush/otapush/internal/manifest"
	"github.com/otapush/otapush/internal/rawrepl"
	"github.com/otapush/otapush/internal/termsafe"
)

// fsOptions are the flags of the fs commands; each subcommand registers
// the ones it takes.
type fsOptions struct {
	*GlobalOptions
	port      portArg
	JSON      bool
	Force     bool
	Recursive bool
	Parents   bool
	MaxSize   int64
}

// fsGetLimit bounds one file fs get reads: far above any board's flash.
const fsGetLimit = 64 << 20

func newFSCmd(g *GlobalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fs",
		Short: "List, read, copy and remove files on a board (no agent needed)",
		Long: `Work on a board's files through the raw REPL, as mpremote fs does, with the
same port selection, lock and --json as the other commands. Board paths are
absolute from the board's root ("/lib/x.py"; "lib/x.py" and mpremote's
":lib/x.py" mean the same) and are checked on the host before anything is
sent. Every file read or written is verified by SHA-256 on both sides, and
put replaces a file crash-safely (a temporary name, then a rename).

The otapush agent's own files (ota_agent.py, /.ota, version.json,
/_app_boot.py, /_app_main.py, and boot.py/main.py while they are the agent's)
are protected: put, rm and mkdir refuse them unless --force. Use
'otapush update' to change an app under the agent, and 'otapush uninstall' to
remove the agent.

The app stops while otapush works on the files; 'otapush reset' restarts it.`,
	}
	for _, sub := range []*cobra.Command{newFSLsCmd(g), newFSTreeCmd(g), newFSCatCmd(g), newFSGetCmd(g), newFSPutCmd(g), newFSRmCmd(g), newFSMkdirCmd(g)} {
		cmd.AddCommand(sub)
	}
	return cmd
}

// fsCmd builds one fs subcommand with --port and --json; run gets the
// board paths already checked (boardArgs says which positional arguments
// are board paths).
func fsCmd(g *GlobalOptions, use, short, long, example string, args cobra.PositionalArgs, boardArgs func(args []string) []int,
	run func(ctx context.Context, o *fsOptions, args []string) error) (*cobra.Command, *fsOptions) {
	o := &fsOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long, Example: example, Args: args,
		ValidArgsFunction: func(_ *cobra.Command, a []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			for _, i := range boardArgs(append(a, "")) {
				if i == len(a) {
					return nil, cobra.ShellCompDirectiveNoFileComp // a board path
				}
			}
			return nil, cobra.ShellCompDirectiveDefault // a host path
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, i := range boardArgs(args) {
				p, err := boardfs.Clean(args[i])
				if err != nil {
					return WithExit(ExitUsage, err)
				}
				args[i] = p
			}
			return run(cmd.Context(), o, args)
		},
	}
	o.port.register(cmd)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the result as one JSON document (see docs/json.md)")
	return cmd, o
}

// boardAt says which positional arguments are board paths.
func boardAt(idx ...int) func([]string) []int {
	return func(args []string) []int {
		var r []int
		for _, i := range idx {
			if i < len(args) {
				r = append(r, i)
			}
		}
		return r
	}
}

// withFS opens the board for an fs subcommand (what: "fs ls", ...).
func (o *fsOptions) withFS(ctx context.Context, what string, fn func(conn *rawrepl.Conn, f *boardfs.FS) error) error {
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, what, o.port.Spec, rawrepl.Options{})
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	return fsErr(fn(conn, boardfs.New(conn)))
}

// fsErr classes a file operation's failure and says what to do.
func fsErr(err error) error {
	var fe *boardfs.Error
	if !errors.As(err, &fe) {
		var ee *ExitError
		if errors.As(err, &ee) {
			return err
		}
		return boardErr(err)
	}
	hint := ""
	switch fe.Kind {
	case boardfs.ErrNotExist:
		hint = "; 'otapush fs ls' shows what is there"
		if fe.Op == "write" || fe.Op == "mkdir" {
			hint = fmt.Sprintf("; make the folder first: otapush fs mkdir --parents %s", path.Dir(fe.Path))
		}
	case boardfs.ErrIsDir:
		hint = "; give -r to work on the folder and everything in it"
	case boardfs.ErrTooLarge:
		hint = "; raise --max-size, or copy it with 'otapush fs get'"
	case boardfs.ErrFull:
		hint = "; remove files to make room ('otapush status' shows the free flash)"
	case boardfs.ErrExist:
		hint = "; --parents accepts an existing folder"
	}
	return WithExit(ExitBoard, fmt.Errorf("%w%s", fe, hint))
}

// protect refuses to change board path p when it is the agent's, unless
// --force. wrapper is whether p is the agent's boot.py/main.py on this board.
func (o *fsOptions) protect(op, p string, wrapper bool) error {
	if o.Force {
		return nil
	}
	why := boardfs.Protected(p)
	if why == "" && wrapper {
		name := strings.TrimPrefix(p, "/")
		why = fmt.Sprintf("%s is the otapush agent's %s (your app's own runs from /_app_%s)", p, name, name)
	}
	if why == "" {
		return nil
	}
	return usageErrorf("refusing to %s %s: %s; change the app with 'otapush update', remove the agent with 'otapush uninstall', or give --force to %s it anyway (the agent may stop working)", op, p, why, op)
}

// protectTree checks every board path of entries (and boot.py/main.py
// against the board).
func (o *fsOptions) protectTree(ctx context.Context, f *boardfs.FS, op string, paths []string) error {
	if o.Force {
		return nil
	}
	for _, p := range paths {
		w := false
		if boardfs.WrapperName(p) {
			var err error
			if w, err = f.IsWrapper(ctx, p); err != nil {
				return err
			}
		}
		if err := o.protect(op, p, w); err != nil {
			return err
		}
	}
	return nil
}

// fsEntry is one file or folder in the fs documents.
type fsEntry struct {
	Name string `json:"name"`
	Path string `json:"path"`
	Type string `json:"type"` // file or dir
	Size int64  `json:"size"` // bytes; 0 for a folder
}

func fsEntries(es []boardfs.Entry) []fsEntry {
	out := make([]fsEntry, 0, len(es))
	for _, e := range es {
		t := "file"
		if e.Dir {
			t = "dir"
		}
		out = append(out, fsEntry{Name: e.Name(), Path: e.Path, Type: t, Size: e.Size})
	}
	return out
}

// fsListDoc is `fs ls --json` and `fs tree --json`.
type fsListDoc struct {
	Version int       `json:"version"`
	Port    string    `json:"port"`
	Serial  string    `json:"serial,omitempty"`
	Path    string    `json:"path"`
	Entries []fsEntry `json:"entries"`
}

func newFSLsCmd(g *GlobalOptions) *cobra.Command {
	cmd, _ := fsCmd(g, "ls [--port P|auto] [PATH]", "List a board folder: sizes in bytes, folders with a trailing /",
		"List the files and folders in PATH on the board (default: the root), one a\nline: the size in bytes (- for a folder) and the name.",
		"  otapush fs ls\n  otapush fs ls /lib --json", cobra.MaximumNArgs(1), boardAt(0),
		func(ctx context.Context, o *fsOptions, args []string) error {
			p := "/"
			if len(args) == 1 {
				p = args[0]
			}
			return o.withFS(ctx, "fs ls", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				es, err := f.List(ctx, p)
				if err != nil {
					return err
				}
				if o.JSON {
					return writeJSON(o.IO.Out, fsListDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber, Path: p, Entries: fsEntries(es)})
				}
				for _, e := range es {
					if e.Dir {
						fmt.Fprintf(o.IO.Out, "%10s  %s/\n", "-", termsafe.String(e.Name()))
					} else {
						fmt.Fprintf(o.IO.Out, "%10d  %s\n", e.Size, termsafe.String(e.Name()))
					}
				}
				return nil
			})
		})
	return cmd
}

func newFSTreeCmd(g *GlobalOptions) *cobra.Command {
	cmd, _ := fsCmd(g, "tree [--port P|auto] [PATH]", "Show a board folder and everything below it",
		"Show PATH on the board (default: the root) and everything below it, as a\ntree, with each file's size and the totals.",
		"  otapush fs tree\n  otapush fs tree /lib", cobra.MaximumNArgs(1), boardAt(0),
		func(ctx context.Context, o *fsOptions, args []string) error {
			p := "/"
			if len(args) == 1 {
				p = args[0]
			}
			return o.withFS(ctx, "fs tree", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				es, err := f.Walk(ctx, p)
				if err != nil {
					return err
				}
				if o.JSON {
					return writeJSON(o.IO.Out, fsListDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber, Path: p, Entries: fsEntries(es)})
				}
				writeTree(o, p, es)
				return nil
			})
		})
	return cmd
}

// writeTree draws a walk (depth first, p first) as tree(1) does.
func writeTree(o *fsOptions, root string, es []boardfs.Entry) {
	var files, dirs, bytes int64
	// last[d] is whether the entry open at depth d is its folder's last.
	var last []bool
	depth := func(p string) int {
		if root == "/" {
			return strings.Count(p, "/")
		}
		return strings.Count(strings.TrimPrefix(p, root), "/")
	}
	for i, e := range es {
		if i == 0 {
			fmt.Fprintln(o.IO.Out, termsafe.String(e.Path))
			continue
		}
		d := depth(e.Path)
		isLast := true
		for _, n := range es[i+1:] {
			if nd := depth(n.Path); nd < d {
				break
			} else if nd == d {
				isLast = false
				break
			}
		}
		last = append(last[:d-1], isLast)
		var pre strings.Builder
		for _, l := range last[:d-1] {
			if l {
				pre.WriteString("    ")
			} else {
				pre.WriteString("│   ")
			}
		}
		if isLast {
			pre.WriteString("└── ")
		} else {
			pre.WriteString("├── ")
		}
		if e.Dir {
			dirs++
			fmt.Fprintf(o.IO.Out, "%s%s/\n", pre.String(), termsafe.String(e.Name()))
		} else {
			files++
			bytes += e.Size
			fmt.Fprintf(o.IO.Out, "%s%s (%s)\n", pre.String(), termsafe.String(e.Name()), humanSize(e.Size))
		}
	}
	fmt.Fprintf(o.IO.Out, "\n%s, %s, %s\n", count(dirs, "folder"), count(files, "file"), humanSize(bytes))
}

// fsCatDoc is `fs cat --json`.
type fsCatDoc struct {
	Version int    `json:"version"`
	Port    string `json:"port"`
	Serial  string `json:"serial,omitempty"`
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	SHA256  string `json:"sha256"`
	Content string `json:"content_base64"`
}

func newFSCatCmd(g *GlobalOptions) *cobra.Command {
	cmd, o := fsCmd(g, "cat [--port P|auto] PATH", "Print a board file to standard output, byte for byte",
		"Print the file at PATH on the board to standard output, byte for byte\n(binary files too), verified by SHA-256. Files over --max-size are refused\nbefore any byte is sent.",
		"  otapush fs cat /main.py\n  otapush fs cat /data.bin > data.bin", cobra.ExactArgs(1), boardAt(0),
		func(ctx context.Context, o *fsOptions, args []string) error {
			return o.withFS(ctx, "fs cat", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				data, err := f.Read(ctx, args[0], o.MaxSize)
				if err != nil {
					return err
				}
				if o.JSON {
					sum := sha256.Sum256(data)
					return writeJSON(o.IO.Out, fsCatDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber,
						Path: args[0], Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Content: base64.StdEncoding.EncodeToString(data)})
				}
				_, err = o.IO.Out.Write(data)
				return err
			})
		})
	cmd.Flags().Int64Var(&o.MaxSize, "max-size", 1<<20, "refuse a file larger than this many bytes (0 = no limit)")
	return cmd
}

// fsCopied is one file fs get or put copied.
type fsCopied struct {
	Board  string `json:"board"`
	Host   string `json:"host"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// fsCopyDoc is `fs get --json` and `fs put --json`.
type fsCopyDoc struct {
	Version    int        `json:"version"`
	Port       string     `json:"port"`
	Serial     string     `json:"serial,omitempty"`
	Files      []fsCopied `json:"files"`
	Folders    []string   `json:"folders"` // board folders read (get) or made (put)
	Bytes      int64      `json:"bytes"`
	DurationMS int64      `json:"duration_ms"`
}

func (d *fsCopyDoc) add(board, host string, data []byte) {
	sum := sha256.Sum256(data)
	d.Files = append(d.Files, fsCopied{Board: board, Host: host, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	d.Bytes += int64(len(data))
}

func (o *fsOptions) copyDone(d *fsCopyDoc, verb string, start time.Time) error {
	d.DurationMS = time.Since(start).Milliseconds()
	if d.Files == nil {
		d.Files = []fsCopied{}
	}
	if d.Folders == nil {
		d.Folders = []string{}
	}
	if o.JSON {
		return writeJSON(o.IO.Out, d)
	}
	for _, f := range d.Files {
		if verb == "got" {
			fmt.Fprintf(o.IO.Out, "%s -> %s (%s)\n", termsafe.String(f.Board), termsafe.String(f.Host), humanSize(f.Size))
		} else {
			fmt.Fprintf(o.IO.Out, "%s -> %s (%s)\n", termsafe.String(f.Host), termsafe.String(f.Board), humanSize(f.Size))
		}
	}
	fmt.Fprintf(o.IO.Out, "%s %s, %s, verified\n", verb, count(len(d.Files), "file"), humanSize(d.Bytes))
	return nil
}

func newFSGetCmd(g *GlobalOptions) *cobra.Command {
	cmd, o := fsCmd(g, "get [--port P|auto] [-r] BOARD_PATH [LOCAL]", "Copy a file (or with -r a folder) from the board to this computer",
		`Copy BOARD_PATH from the board to LOCAL (default: its name in the current
folder; into LOCAL when that is a folder). -r copies a folder and everything
in it. Every file is verified by SHA-256; names on the board that would mean
another place on this computer ('..', backslashes, control characters) are
refused.`,
		"  otapush fs get /main.py\n  otapush fs get -r /lib ./backup/lib", cobra.RangeArgs(1, 2), boardAt(0),
		func(ctx context.Context, o *fsOptions, args []string) error {
			local := ""
			if len(args) == 2 {
				local = args[1]
			}
			return o.withFS(ctx, "fs get", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				return o.get(ctx, conn, f, args[0], local)
			})
		})
	cmd.Flags().BoolVarP(&o.Recursive, "recursive", "r", false, "copy a folder and everything in it")
	return cmd
}

func (o *fsOptions) get(ctx context.Context, conn *rawrepl.Conn, f *boardfs.FS, src, local string) error {
	start := time.Now()
	st, err := f.Stat(ctx, src)
	if err != nil {
		return err
	}
	if st.Dir && !o.Recursive {
		return usageErrorf("%s is a folder on the board: give -r to copy it and everything in it", src)
	}
	if local == "" {
		if src == "/" {
			return usageErrorf("name the folder to copy the board's root into: otapush fs get -r / DIR")
		}
		local = st.Name()
	} else if fi, err := os.Stat(local); err == nil && fi.IsDir() && src != "/" {
		local = filepath.Join(local, st.Name())
	}
	doc := &fsCopyDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber}
	es := []boardfs.Entry{st}
	if st.Dir {
		if es, err = f.Walk(ctx, src); err != nil {
			return err
		}
	}
	// Every name is checked before the first file is written here.
	targets := make([]string, len(es))
	for i, e := range es {
		rel := strings.TrimPrefix(strings.TrimPrefix(e.Path, src), "/")
		if rel == "" {
			targets[i] = local
			continue
		}
		if err := manifest.CheckPath(rel, "board folder "+src); err != nil {
			return WithExit(ExitVerify, err)
		}
		targets[i] = filepath.Join(local, filepath.FromSlash(rel))
	}
	for i, e := range es {
		if e.Dir {
			if err := os.MkdirAll(targets[i], 0o755); err != nil {
				return WithExit(ExitGeneric, err)
			}
			doc.Folders = append(doc.Folders, e.Path)
			continue
		}
		data, err := f.Read(ctx, e.Path, fsGetLimit)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(targets[i], data); err != nil {
			return WithExit(ExitGeneric, err)
		}
		doc.add(e.Path, targets[i], data)
	}
	return o.copyDone(doc, "got", start)
}

func newFSPutCmd(g *GlobalOptions) *cobra.Command {
	cmd, o := fsCmd(g, "put [--port P|auto] [-r] LOCAL [BOARD_PATH]", "Copy a file (or with -r a folder) from this computer to the board",
		`Copy LOCAL to BOARD_PATH on the board (default: its name at the root; into
BOARD_PATH when that is a folder on the board). -r copies a folder and
everything in it, making the board's folders as needed. Each file is written
crash-safely: under a temporary name, hashed on the board, then renamed over
the old one, so a power cut leaves the old file or the new one, never half.`,
		"  otapush fs put main.py\n  otapush fs put -r lib /lib", cobra.RangeArgs(1, 2), boardAt(1),
		func(ctx context.Context, o *fsOptions, args []string) error {
			dst := ""
			if len(args) == 2 {
				dst = args[1]
			}
			return o.put(ctx, args[0], dst)
		})
	cmd.Flags().BoolVarP(&o.Recursive, "recursive", "r", false, "copy a folder and everything in it")
	cmd.Flags().BoolVar(&o.Force, "force", false, "write the otapush agent's own files too")
	return cmd
}

// putItem is one host file or folder and where it goes on the board.
type putItem struct {
	host, board string
	dir         bool
}

func (o *fsOptions) put(ctx context.Context, local, dst string) error {
	start := time.Now()
	fi, err := os.Stat(local)
	if err != nil {
		return usageErrorf("%v", err)
	}
	if fi.IsDir() && !o.Recursive {
		return usageErrorf("%s is a folder: give -r to copy it and everything in it", local)
	}
	name := filepath.Base(filepath.Clean(local))
	if _, err := boardfs.Clean(name); err != nil {
		return WithExit(ExitUsage, err)
	}
	// The host side first: every name checked before the board is opened.
	items := []putItem{{host: local, dir: fi.IsDir()}}
	if fi.IsDir() {
		items = items[:0]
		err := filepath.WalkDir(local, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(local, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if rel != "." {
				if err := manifest.CheckPath(rel, local); err != nil {
					return WithExit(ExitUsage, err)
				}
			}
			if !d.IsDir() && !d.Type().IsRegular() {
				return usageErrorf("%s is not a regular file (a link or a device); copy the files it points to instead", p)
			}
			items = append(items, putItem{host: p, board: rel, dir: d.IsDir()})
			return nil
		})
		if err != nil {
			var ee *ExitError
			if errors.As(err, &ee) {
				return err
			}
			return usageErrorf("reading %s: %v", local, err)
		}
	}
	return o.withFS(ctx, "fs put", func(conn *rawrepl.Conn, f *boardfs.FS) error {
		root := dst
		switch {
		case root == "":
			root = boardfs.Join("/", name)
		default:
			if st, err := f.Stat(ctx, root); err == nil && st.Dir {
				root = boardfs.Join(root, name)
			} else if err != nil && !errors.Is(err, boardfs.ErrNotExist) {
				return err
			}
		}
		var paths []string
		for i := range items {
			switch items[i].board {
			case "", ".":
				items[i].board = root
			default:
				items[i].board = root + "/" + items[i].board
			}
			paths = append(paths, items[i].board)
		}
		if err := o.protectTree(ctx, f, "write", paths); err != nil {
			return err
		}
		doc := &fsCopyDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber}
		for _, it := range items {
			if it.dir {
				if it.board != "/" {
					if err := f.Mkdir(ctx, it.board, true); err != nil {
						return err
					}
				}
				doc.Folders = append(doc.Folders, it.board)
				continue
			}
			data, err := os.ReadFile(it.host)
			if err != nil {
				return usageErrorf("%v", err)
			}
			if err := f.Write(ctx, it.board, data); err != nil {
				return err
			}
			doc.add(it.board, it.host, data)
		}
		return o.copyDone(doc, "put", start)
	})
}

// fsRmDoc is `fs rm --json`.
type fsRmDoc struct {
	Version int      `json:"version"`
	Port    string   `json:"port"`
	Serial  string   `json:"serial,omitempty"`
	Removed []string `json:"removed"` // the paths named, each with all below it
}

func newFSRmCmd(g *GlobalOptions) *cobra.Command {
	cmd, o := fsCmd(g, "rm [--port P|auto] [-r] PATH...", "Remove files (or with -r folders) from the board",
		"Remove files from the board; -r removes folders and everything in them.\nThe agent's own files are refused unless --force.",
		"  otapush fs rm /old.py\n  otapush fs rm -r /lib/old", cobra.MinimumNArgs(1), func(args []string) []int {
			r := make([]int, len(args))
			for i := range r {
				r[i] = i
			}
			return r
		},
		func(ctx context.Context, o *fsOptions, args []string) error {
			for _, p := range args {
				if p == "/" {
					return usageErrorf("refusing to remove the board's root: name the files and folders to remove")
				}
			}
			return o.withFS(ctx, "fs rm", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				for _, p := range args {
					st, err := f.Stat(ctx, p)
					if err != nil {
						return err
					}
					if st.Dir && !o.Recursive {
						return usageErrorf("%s is a folder: give -r to remove it and everything in it", p)
					}
					paths := []string{p}
					if st.Dir {
						es, err := f.Walk(ctx, p)
						if err != nil {
							return err
						}
						paths = paths[:0]
						for _, e := range es {
							paths = append(paths, e.Path)
						}
					}
					if err := o.protectTree(ctx, f, "remove", paths); err != nil {
						return err
					}
				}
				for _, p := range args {
					if err := f.Remove(ctx, p, o.Recursive); err != nil {
						return err
					}
				}
				if o.JSON {
					return writeJSON(o.IO.Out, fsRmDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber, Removed: args})
				}
				for _, p := range args {
					fmt.Fprintf(o.IO.Out, "removed %s\n", termsafe.String(p))
				}
				return nil
			})
		})
	cmd.Flags().BoolVarP(&o.Recursive, "recursive", "r", false, "remove folders and everything in them")
	cmd.Flags().BoolVar(&o.Force, "force", false, "remove the otapush agent's own files too")
	return cmd
}

// mkdirArgs is one folder. `mkdir -p DIR` as in a shell gives -p, which
// is --port on every otapush command, the folder: say so.
func mkdirArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 && cmd.Flags().Changed("port") {
		return usageErrorf("no folder given: -p is --port on every otapush command; to make the folders above too, give --parents: otapush fs mkdir --parents %s", cmd.Flags().Lookup("port").Value.String())
	}
	return cobra.ExactArgs(1)(cmd, args)
}

// fsMkdirDoc is `fs mkdir --json`.
type fsMkdirDoc struct {
	Version int    `json:"version"`
	Port    string `json:"port"`
	Serial  string `json:"serial,omitempty"`
	Path    string `json:"path"`
}

func newFSMkdirCmd(g *GlobalOptions) *cobra.Command {
	cmd, o := fsCmd(g, "mkdir [--port P|auto] [--parents] PATH", "Make a folder on the board",
		"Make the folder PATH on the board; --parents also makes the missing folders above\nit and accepts one that exists.",
		"  otapush fs mkdir /data\n  otapush fs mkdir --parents /lib/drivers/i2c", mkdirArgs, boardAt(0),
		func(ctx context.Context, o *fsOptions, args []string) error {
			if err := o.protect("write", args[0], false); err != nil {
				return err
			}
			return o.withFS(ctx, "fs mkdir", func(conn *rawrepl.Conn, f *boardfs.FS) error {
				if err := f.Mkdir(ctx, args[0], o.Parents); err != nil {
					return err
				}
				if o.JSON {
					return writeJSON(o.IO.Out, fsMkdirDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber, Path: args[0]})
				}
				fmt.Fprintf(o.IO.Out, "made %s\n", termsafe.String(args[0]))
				return nil
			})
		})
	cmd.Flags().BoolVar(&o.Parents, "parents", false, "make missing folders above it too; an existing folder is no error")
	cmd.Flags().BoolVar(&o.Force, "force", false, "make folders inside the otapush agent's own too")
	return cmd
}
