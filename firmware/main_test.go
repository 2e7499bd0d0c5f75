package firmware_test

import (
	"flag"
	"os"
	"runtime"
	"strconv"
	"testing"
)

// TestMain lets more of this package's tests run at once than go test's
// default (one per CPU), unless -parallel was given. Nearly all of them are
// power-cut sweeps whose cut runs spend much of their time waiting (a
// board resetting, a host reconnecting), and each sweep already sizes its
// own pool of boards to the machine's idle CPU (adaptive). At one test per
// CPU the sweeps queued two at a time and this package ran alone for
// minutes at the end of make test, on a machine a third idle.
func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		_ = flag.Set("test.parallel", strconv.Itoa(2*runtime.GOMAXPROCS(0)))
	}
	os.Exit(m.Run())
}
