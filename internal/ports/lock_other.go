//go:build !unix

package ports

import (
	"errors"
	"os"

	"github.com/otapush/otapush/internal/rundir"
)

// acquire without flock: the lock is the file's existence (created with
// O_EXCL), and a file whose process is gone is stale and taken over. A
// crash leaves the file, which the next otapush takes over. (Windows also
// opens serial ports exclusively, which covers other programs.)
func acquire(path string, info []byte) (*os.File, error) {
	for try := 0; try < 10; try++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			if _, err := f.Write(info); err != nil {
				f.Close()
				os.Remove(path)
				return nil, err
			}
			return f, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		be := readHolder(path)
		if be.PID > 0 && be.PID != os.Getpid() && rundir.Alive(be.PID) {
			return nil, be
		}
		if be.PID == os.Getpid() {
			return nil, be
		}
		os.Remove(path) // stale: its process is gone
	}
	return nil, errors.New("the lock file keeps changing under us")
}

func release(path string, f *os.File) {
	f.Close()
	os.Remove(path)
}
