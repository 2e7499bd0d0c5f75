//go:build unix

package ports

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// acquire takes an exclusive flock on path without waiting. The kernel
// drops it when the process dies, so a crashed otapush leaves no lock
// behind; the file it left (with its dead pid) is simply taken over.
func acquire(path string, info []byte) (*os.File, error) {
	for try := 0; try < 10; try++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
		if err != nil {
			return nil, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, readHolder(path)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("flock: %w", err)
		}
		// A holder that was releasing may have unlinked the file we
		// opened: then the lock is on a name nobody else will open.
		fi, err1 := f.Stat()
		pi, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := f.WriteAt(info, 0); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	return nil, errors.New("the lock file keeps changing under us")
}

// release unlinks the file before unlocking it, so that whoever opens the
// name next creates a fresh file instead of locking one on its way out.
func release(path string, f *os.File) {
	os.Remove(path)
	f.Close()
}
