package simboard_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otapush/otapush/internal/simboard"
	"github.com/otapush/otapush/internal/simboard/simtest"
)

// A board stores names of up to littlefs's 255 bytes and refuses longer
// ones with ENAMETOOLONG (36); the simulator once crashed persisting
// names of 244-255 bytes (its temp file added 12).
func TestNameLimit(t *testing.T) {
	t.Parallel()
	b := simtest.StartT(t, simboard.Options{})
	l := dial(t, b)
	l.enterRaw()
	max, file := strings.Repeat("d", 255), strings.Repeat("f", 255)
	code := "import os\n" +
		"os.mkdir('" + max + "')\n" +
		"for n in ('" + strings.Repeat("a", 244) + "', '" + file + "', '" + max + "/" + max + "'):\n" +
		" f = open(n, 'w'); f.write('x'); f.close()\n" +
		"for n in ('" + max + "x', '" + max + "/" + max + "x'):\n" +
		" try:\n  open(n, 'w')\n except OSError as e:\n  print(e.errno)\n" +
		"try:\n os.mkdir('" + max + "y')\nexcept OSError as e:\n print(e.errno)\n" +
		"try:\n os.rename('" + max + "/" + max + "', '" + max + "z')\nexcept OSError as e:\n print(e.errno)\n"
	out, exc := l.exec(code)
	if exc != "" || out != "36\r\n36\r\n36\r\n36\r\n" {
		t.Fatalf("out %q exc %q, want ENAMETOOLONG (36) four times", out, exc)
	}
	// The names survive a power cycle: the host folder holds them.
	ctx, cancel := simtest.ContextT(t)
	defer cancel()
	if err := b.Restart(context.WithoutCancel(ctx)); err != nil {
		t.Fatalf("restart: %v\n%s", err, b.Stderr())
	}
	for _, p := range []string{strings.Repeat("a", 244), file, filepath.Join(max, max)} {
		if _, err := os.Stat(filepath.Join(b.FlashDir(), p)); err != nil {
			t.Errorf("host flash: %v", err)
		}
	}
	l = dial(t, b)
	l.enterRaw()
	out, _ = l.exec("import os\nprint(sorted(len(n) for n in os.listdir()), len(os.listdir('" + max + "')[0]))")
	if !strings.Contains(out, "[244, 255, 255] 255") {
		t.Errorf("after a restart the board lists %q", out)
	}
}
