// Command bench prints otapush's performance tables (`make bench`). Each
// area adds a section in its own file; sections measure ratios within one run
// because the machines are shared and noisy.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"text/tabwriter"
)

// section is one table of the benchmark report.
type section struct {
	name string
	run  func(ctx context.Context, w io.Writer) error
}

// table prints aligned rows; the first row is the header.
func table(w io.Writer, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	tw.Flush()
}

// peerCopies are the copy-only peers' results of this run (calibration),
// which the update section compares otapush with: tool -> corpus.
type peerCopies map[string]map[string]calibResult

func sections() []section {
	peers := peerCopies{}
	return []section{
		// Sections register here, one line each.
		{"calibration: copy-only peers on the simulated Pico W vs their published RP2040 rates",
			func(ctx context.Context, w io.Writer) error { return calibSection(ctx, w, peers) }},
		{"rawrepl: one 100 KB exec, raw-paste vs classic", benchRawREPL},
		{"simulated board", simSection},
		{"update", func(ctx context.Context, w io.Writer) error { return updateSection(ctx, w, peers) }},
		{"verdict: reset to verdict per trial policy", verdictSection},
		{"fleet: 1 vs 4 boards from GitHub", fleetSection},
	}
}

func main() {
	only := flag.String("only", "", "run only sections whose name contains this (several: comma-separated)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := false
	for _, s := range sections() {
		if *only != "" && !slices.ContainsFunc(strings.Split(*only, ","), func(o string) bool { return strings.Contains(s.name, o) }) {
			continue
		}
		fmt.Printf("== %s ==\n", s.name)
		if err := s.run(ctx, os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "bench %s: %v\n", s.name, err)
			failed = true
		}
		fmt.Println()
	}
	if failed {
		os.Exit(1)
	}
}
