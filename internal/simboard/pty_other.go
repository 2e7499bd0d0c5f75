//go:build !unix

package simboard

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// errNoPTY: the simulated board is a pseudo-terminal, which only Unix
// systems have; everything else in otapush works here.
var errNoPTY = fmt.Errorf("simboard: the simulated board needs a Unix pseudo-terminal (Linux, macOS, FreeBSD); %s has none: use a real board", runtime.GOOS)

func openPTY() (*ptyPair, error) { return nil, errNoPTY }

func readNow(*os.File, []byte) (int, error) { return 0, errors.ErrUnsupported }
