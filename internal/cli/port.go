package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/otapush/otapush/internal/ports"
	"github.com/otapush/otapush/internal/rawrepl"
)

// portHelp is --port's help, the same on every command that talks to a
// board.
const portHelp = "serial port path, id:SERIAL, or auto (the single MicroPython board; 'otapush devices' lists them) (config: port)"

// portArg is --port/-p: registered, completed, resolved, locked and dialed
// in one place, so every command that talks to a board reads it the same
// way (as arduino-cli's arguments.Port does).
type portArg struct {
	Spec  string   // the single form: one board
	Specs []string // the list form (update): several boards make a fleet
	// lister finds the ports (nil: the system's); tests inject one. Read
	// at completion and resolve time, so tests may set it after the
	// command is built.
	lister *ports.Lister
}

// register adds --port to cmd: a single port, default auto.
func (p *portArg) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&p.Spec, "port", "p", "auto", portHelp)
	p.complete(cmd)
}

// registerList adds --port to cmd as a list: repeated or comma-separated,
// default auto.
func (p *portArg) registerList(cmd *cobra.Command) {
	cmd.Flags().StringSliceVarP(&p.Specs, "port", "p", []string{"auto"}, portHelp+"; repeat it or give a comma-separated list to update several boards")
	p.complete(cmd)
}

func (p *portArg) complete(cmd *cobra.Command) {
	registerPortCompletion(cmd, "port", &p.lister)
}

// Lister is the port lister in use: the injected one or the system's.
func (p *portArg) Lister() *ports.Lister {
	if p.lister == nil {
		return ports.System()
	}
	return p.lister
}

// resolve turns one --port value into a port; a port that is not there
// is a board error, an ambiguous auto (several boards) a usage error: the
// command line must say which board.
func (p *portArg) resolve(ctx context.Context, spec string) (ports.Port, error) {
	port, err := p.Lister().Resolve(ctx, spec)
	var se *ports.SelectError
	if errors.As(err, &se) && se.Ambiguous {
		return ports.Port{}, WithExit(ExitUsage, err)
	}
	if err != nil {
		return ports.Port{}, boardErr(err)
	}
	return port, nil
}

// missingPort says where to look when a port path names nothing at all
// (a board unplugged, a typo): discovery lists what is there.
func missingPort(port ports.Port, err error) error {
	if !errors.Is(err, rawrepl.ErrPortUnavailable) || port.Simulated || port.Path == "" {
		return err
	}
	if _, serr := os.Stat(port.Path); !errors.Is(serr, fs.ErrNotExist) {
		return err
	}
	return &hintError{msg: fmt.Sprintf("no port %s: nothing at that path (unplugged, or a typo?); 'otapush devices' lists the boards connected", port.Path), err: err}
}

// hintError replaces a lower layer's message with one that says what to
// do, keeping the error for errors.Is.
type hintError struct {
	msg string
	err error
}

func (e *hintError) Error() string { return e.msg }
func (e *hintError) Unwrap() error { return e.err }

// dial resolves spec, locks the board for the command (what, e.g.
// "update") and enters the raw REPL with opts (the lister, and with
// --debug the trace, are filled in). The caller closes the connection,
// then calls unlock.
func (p *portArg) dial(ctx context.Context, g *GlobalOptions, what, spec string, opts rawrepl.Options) (conn *rawrepl.Conn, unlock func(), err error) {
	port, err := p.resolve(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	unlock, err = lockPort(port, what)
	if err != nil {
		return nil, nil, err
	}
	conn, err = p.open(ctx, g, port, opts)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return conn, unlock, nil
}

// lockPort claims the board for the whole command, reconnects after resets
// included: a second otapush on it fails at once (exit 5) instead of
// interleaving its bytes with ours.
func lockPort(port ports.Port, what string) (unlock func(), err error) {
	lk, err := ports.Lock(port, "otapush "+what)
	if err != nil {
		return nil, WithExit(ExitBoard, err)
	}
	return lk.Release, nil
}

// open enters the raw REPL of a resolved (and locked) port; the lister
// finds it again after a reset.
func (p *portArg) open(ctx context.Context, g *GlobalOptions, port ports.Port, opts rawrepl.Options) (*rawrepl.Conn, error) {
	c, err := rawrepl.Open(ctx, port, p.connOptions(g, opts))
	if err != nil {
		return nil, boardErr(missingPort(port, err))
	}
	return c, nil
}

// connOptions fills in what every connection gets: the lister that finds
// the board again after a reset and, with --debug, the trace.
func (p *portArg) connOptions(g *GlobalOptions, opts rawrepl.Options) rawrepl.Options {
	opts.Lister = p.Lister()
	if g.Debug {
		opts.Trace = g.IO.ErrOut
		opts.Redact = secretsToRedact(g.ConfigPath)
	}
	return opts
}

// attach is dial without taking the board over: it resolves and locks
// spec and opens the port sending nothing, so the app keeps running
// (monitor). The caller closes the connection, then calls unlock.
func (p *portArg) attach(ctx context.Context, g *GlobalOptions, what, spec string, opts rawrepl.Options) (conn *rawrepl.Conn, unlock func(), err error) {
	port, err := p.resolve(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	unlock, err = lockPort(port, what)
	if err != nil {
		return nil, nil, err
	}
	conn, err = rawrepl.Attach(port, p.connOptions(g, opts))
	if err != nil {
		unlock()
		return nil, nil, boardErr(missingPort(port, err))
	}
	return conn, unlock, nil
}
