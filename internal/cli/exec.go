package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/config"
	"github.com/otapush/otapush/internal/rawrepl"
)

type execOptions struct {
	*GlobalOptions
	port       portArg
	JSON       bool
	File       string
	Code       string
	Timeout    time.Duration
	Deadline   time.Duration
	MaxOutput  int64
	SoftReset  bool
	NoRawPaste bool
}

func newExecCmd(g *GlobalOptions) *cobra.Command {
	o := &execOptions{GlobalOptions: g}
	cmd := &cobra.Command{
		Use:   "exec [--port P|auto] ('CODE' | -f FILE.py)",
		Short: "Run Python code on a board through the raw REPL and print its output",
		Long: `Run Python code on a board and print what it prints. Whatever the board was
doing (a running main.py, a half-typed line) is interrupted first. A Python
exception on the board is printed to stderr and otapush exits with code 5.`,
		Example: `  otapush exec --port auto 'import os; print(os.listdir())'
  otapush exec --port /dev/ttyACM0 -f probe.py`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Code = args[0]
			}
			if err := o.Validate(cmd); err != nil {
				return err
			}
			if o.Timeout == 0 && !cmd.Flags().Changed("deadline") {
				o.Deadline = 0
			}
			return runExec(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	o.port.register(cmd)
	f.BoolVar(&o.JSON, "json", false, "print the output, any exception and the time taken as one JSON document (see docs/json.md)")
	f.StringVarP(&o.File, "file", "f", "", "run this Python file instead of CODE (- reads standard input)")
	f.DurationVar(&o.Timeout, "timeout", 30*time.Second, "give up when the running code stays silent this long (0 = wait until Ctrl-C)")
	f.DurationVar(&o.Deadline, "deadline", 10*time.Minute, "give up when the code has not finished after this long, however much it prints (0 = no limit; --timeout 0 also lifts it unless --deadline is given)")
	f.Int64Var(&o.MaxOutput, "max-output", 16<<20, "give up when the code prints more than this many bytes (0 = no limit)")
	f.BoolVar(&o.SoftReset, "soft-reset", false, "soft-reset first for a clean interpreter (boot.py runs, main.py does not)")
	f.BoolVar(&o.NoRawPaste, "no-raw-paste", false, "use the classic raw REPL even if the board offers raw-paste")
	return cmd
}

func runExec(ctx context.Context, o *execOptions) error {
	code := o.Code
	switch o.File {
	case "":
	case "-":
		b, err := io.ReadAll(o.IO.In)
		if err != nil {
			return usageErrorf("reading code from stdin: %v", err)
		}
		code = string(b)
	default:
		b, err := os.ReadFile(o.File)
		if err != nil {
			return usageErrorf("reading %s: %v", o.File, err)
		}
		code = string(b)
	}
	opts := rawrepl.Options{NoRawPaste: o.NoRawPaste, ExecTimeout: o.Timeout}
	if o.Timeout == 0 {
		opts.ExecTimeout = -1
	}
	conn, unlock, err := o.port.dial(ctx, o.GlobalOptions, "exec", o.port.Spec, opts)
	if err != nil {
		return err
	}
	defer unlock()
	defer conn.Close()
	if o.SoftReset {
		if err := conn.SoftReset(ctx); err != nil {
			return boardErr(err)
		}
	}
	// With --json the output is collected for the document (--max-output
	// bounds it); otherwise it streams as the board prints it.
	var collected strings.Builder
	var sink io.Writer = o.IO.Out
	if o.JSON {
		sink = &collected
	}
	out := &crlfWriter{w: sink}
	// The defaults bound an agent call (one line); user code may print
	// and run much more, within its own bounds.
	lim := rawrepl.Limits{MaxOutput: o.MaxOutput, Deadline: o.Deadline}
	if lim.MaxOutput == 0 {
		lim.MaxOutput = -1
	}
	if lim.Deadline == 0 {
		lim.Deadline = -1
	}
	start := time.Now()
	err = conn.ExecStreamLimits(ctx, strings.NewReader(code), out, lim)
	out.Flush()
	var be *rawrepl.BoardError
	if err != nil && !errors.As(err, &be) {
		return boardErr(err)
	}
	if o.JSON {
		doc := execDoc{Version: jsonVersion, Port: conn.Port().Path, Serial: conn.Port().SerialNumber,
			Stdout: collected.String(), DurationMS: time.Since(start).Milliseconds()}
		if be != nil {
			doc.Exception = &execException{Type: be.Type, Message: be.Message, Errno: be.Errno, ErrnoName: be.ErrnoName, Line: be.Line, Traceback: be.Traceback}
		}
		if jerr := writeJSON(o.IO.Out, doc); jerr != nil {
			return jerr
		}
	}
	if be != nil {
		fmt.Fprint(o.IO.ErrOut, be.Traceback)
		if !strings.HasSuffix(be.Traceback, "\n") {
			fmt.Fprintln(o.IO.ErrOut)
		}
		return &silentError{code: ExitBoard}
	}
	return nil
}

// execDoc is `exec --json`. A Python exception on the board is part of the
// result (exit 5 all the same); a failure to run the code at all (no
// board, a timeout) prints the error document instead.
type execDoc struct {
	Version    int            `json:"version"`
	Port       string         `json:"port"`
	Serial     string         `json:"serial,omitempty"`
	Stdout     string         `json:"stdout"` // what the code printed, \r\n as \n
	Exception  *execException `json:"exception"`
	DurationMS int64          `json:"duration_ms"`
}

// execException is the exception the code raised on the board.
type execException struct {
	Type      string `json:"type"` // e.g. OSError
	Message   string `json:"message"`
	Errno     int    `json:"errno,omitempty"`
	ErrnoName string `json:"errno_name,omitempty"` // e.g. ENOSPC
	Line      int    `json:"line,omitempty"`
	Traceback string `json:"traceback"`
}

// boardErr classes an error from the board side; cancellation keeps its
// own exit code.
func boardErr(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	return WithExit(ExitBoard, err)
}

// secretsToRedact collects what the wire trace must never show: the
// GitHub token from the environment and from the config file. exec needs
// nothing else from the config, so a config that does not load is read
// loosely (any "token"-like JSON string) rather than failing the command:
// this only hides text, it never decides anything.
func secretsToRedact(configPath string) []string {
	var out []string
	for _, k := range []string{"OTAPUSH_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			out = append(out, v)
		}
	}
	cfg, err := config.Load(configPath)
	if err == nil {
		if cfg.Token != "" {
			out = append(out, cfg.Token)
		}
		return out
	}
	if configPath == "" {
		configPath = config.DefaultFile
	}
	b, rerr := os.ReadFile(configPath)
	var m map[string]any
	if rerr != nil || json.Unmarshal(b, &m) != nil {
		return out
	}
	for k, v := range m {
		if s, ok := v.(string); ok && s != "" && strings.Contains(strings.ToLower(k), "token") {
			out = append(out, s)
		}
	}
	return out
}

// crlfWriter turns the board's \r\n into \n so output pipes cleanly into
// other tools; a \r at the end of one write waits for the next.
type crlfWriter struct {
	w       io.Writer
	pending bool
}

func (c *crlfWriter) Write(p []byte) (int, error) {
	buf := make([]byte, 0, len(p)+1)
	for _, b := range p {
		if c.pending {
			c.pending = false
			if b != '\n' {
				buf = append(buf, '\r')
			}
		}
		if b == '\r' {
			c.pending = true
			continue
		}
		buf = append(buf, b)
	}
	if _, err := c.w.Write(buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a trailing lone \r.
func (c *crlfWriter) Flush() {
	if c.pending {
		c.pending = false
		_, _ = c.w.Write([]byte{'\r'})
	}
}
