package simboard

import (
	"os"
	"os/exec"
	"path/filepath"
)

// Available reports whether a board can be started from here: nil, or a
// *NotInstalledError saying what to install.
func Available(picosimDir string) error {
	dir, err := FindPicosim(picosimDir)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath("node"); err != nil {
		return &NotInstalledError{What: "node", Hint: "install Node.js 20 or later (e.g. apt-get install nodejs npm), then run: " + InstallCommand(dir)}
	}
	if _, err := os.Stat(filepath.Join(dir, wasmPackage)); err != nil {
		return &NotInstalledError{What: "tools/picosim/node_modules", Hint: InstallCommand(dir)}
	}
	return nil
}
