package simtest

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// Exhaustive reports whether fault sweeps run every point: make faults
// (OTAPUSH_FAULTS) and make faults-full (OTAPUSH_FAULTS_FULL) do; make
// test (CI) runs a sample, to stay within its time budget on 2 cores.
func Exhaustive() bool {
	return os.Getenv("OTAPUSH_FAULTS") != "" || os.Getenv("OTAPUSH_FAULTS_FULL") != ""
}

// SampleOffset picks where in each stride a sampled sweep cuts: from
// OTAPUSH_SWEEP_OFFSET to repeat a run, else from the clock, so that
// successive CI runs try different points. It is logged so that a failing
// sample can be run again.
func SampleOffset(t testing.TB) int {
	t.Helper()
	n, err := strconv.Atoi(os.Getenv("OTAPUSH_SWEEP_OFFSET"))
	if err != nil || n < 0 {
		n = int(time.Now().UnixNano()/int64(time.Millisecond)) % 1000
	}
	t.Logf("sampled sweep: offset %d (OTAPUSH_SWEEP_OFFSET=%d repeats this sample)", n, n)
	return n
}

// Sample returns the indexes of n sweep points to run: all of them when
// Exhaustive, else about per of them spread evenly from the first to the
// last at the offset, plus the first, the last and every i for which
// always(i) holds (the points next to a commit, where a wrong order shows
// first).
func Sample(n, per, off int, always func(i int) bool) []int {
	stride := 1
	if !Exhaustive() && per > 0 {
		stride = max((n+per-1)/per, 1)
	}
	var out []int
	for i := 0; i < n; i++ {
		if i%stride == off%stride || i == 0 || i == n-1 || (always != nil && always(i)) {
			out = append(out, i)
		}
	}
	return out
}
