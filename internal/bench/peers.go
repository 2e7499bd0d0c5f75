package main

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// The copy tools otapush is measured against, reproduced byte for byte on
// the wire and wait for wait on the host, from their sources (neither
// installs here). Both copy a folder's files into the board's root, as
// their published RP2040 benchmark does (mpytool's README_BENCH, January
// 2026, against mpremote 1.27): `mpremote cp <files> :` and
// `mpytool cp <dir>/ :/`. The Python they send is written here to do what
// theirs does at the same size; the framing and the pacing are theirs.

// peerFile is one file of a copy job, in the order the tool sends it.
type peerFile struct {
	name string
	data []byte
}

// ---- mpremote (tools/mpremote: transport_serial.py, transport.py, commands.py) ----

// mpremote drives a raw REPL the way mpremote's SerialTransport does:
// every exec in raw-paste mode, and every wait for a marker a loop that
// reads one waiting byte at a time and sleeps 10 ms when none is waiting
// (read_until); the raw-paste header and window credits are blocking
// reads.
type mpremote struct {
	p      *peerPort
	sleeps int // 10 ms sleeps taken (the cost of its polling)
}

// readUntil is SerialTransport.read_until.
func (m *mpremote) readUntil(ending string) ([]byte, error) {
	var data []byte
	last := time.Now()
	for {
		if bytes.HasSuffix(data, []byte(ending)) {
			return data, nil
		}
		if m.p.inWaiting() > 0 {
			b, err := m.p.read(1)
			if err != nil {
				return data, err
			}
			data = append(data, b...)
			last = time.Now()
			continue
		}
		if time.Since(last) > silence {
			return data, fmt.Errorf("mpremote: no %q from the board (got %q)", ending, data)
		}
		m.sleeps++
		time.Sleep(10 * time.Millisecond)
	}
}

// enterRaw is enter_raw_repl(soft_reset=True): the first command of every
// mpremote invocation soft-resets the board.
func (m *mpremote) enterRaw() error {
	if err := m.p.write([]byte("\r\x03")); err != nil {
		return err
	}
	m.p.discard()
	if err := m.p.write([]byte("\r\x01")); err != nil {
		return err
	}
	if _, err := m.readUntil("raw REPL; CTRL-B to exit\r\n>"); err != nil {
		return err
	}
	if err := m.p.write([]byte("\x04")); err != nil {
		return err
	}
	if _, err := m.readUntil("soft reboot\r\n"); err != nil {
		return err
	}
	_, err := m.readUntil("raw REPL; CTRL-B to exit\r\n")
	return err
}

// errExec is an exception raised on the board.
var errExec = errors.New("the board raised")

// exec is exec_raw_no_follow (raw-paste) then follow: stdout, or errExec
// with the traceback.
func (m *mpremote) exec(code string) (string, error) {
	if _, err := m.readUntil(">"); err != nil {
		return "", err
	}
	if err := m.p.write([]byte("\x05A\x01")); err != nil {
		return "", err
	}
	if r, err := m.p.read(2); err != nil || string(r) != "R\x01" {
		return "", fmt.Errorf("mpremote: raw-paste refused (%q, %v)", r, err)
	}
	hdr, err := m.p.read(2)
	if err != nil {
		return "", err
	}
	window := int(hdr[0]) | int(hdr[1])<<8
	remain := window
	cmd := []byte(code)
	for i := 0; i < len(cmd); {
		for remain == 0 || m.p.inWaiting() > 0 {
			b, err := m.p.read(1)
			if err != nil {
				return "", err
			}
			switch b[0] {
			case 0x01:
				remain += window
			case 0x04:
				return "", m.p.write([]byte("\x04"))
			default:
				return "", fmt.Errorf("mpremote: unexpected %q during raw paste", b)
			}
		}
		n := min(remain, len(cmd)-i)
		if err := m.p.write(cmd[i : i+n]); err != nil {
			return "", err
		}
		remain -= n
		i += n
	}
	if err := m.p.write([]byte("\x04")); err != nil {
		return "", err
	}
	if _, err := m.readUntil("\x04"); err != nil {
		return "", err
	}
	out, err := m.readUntil("\x04")
	if err != nil {
		return "", err
	}
	exc, err := m.readUntil("\x04")
	if err != nil {
		return "", err
	}
	if len(exc) > 1 {
		return "", fmt.Errorf("%w: %s", errExec, strings.TrimSuffix(string(exc), "\x04"))
	}
	return strings.TrimSuffix(string(out), "\x04"), nil
}

// mpremoteCopy is `mpremote cp f1 f2 ... :` on a freshly connected board:
// per file the destination is stat'ed twice (exists, isdir, both of the
// empty path that names the root),
// the hash check runs (the file is new, so it fails), then the file goes
// out as one `w(b'...')` exec per 256 bytes (fs_writefile).
func mpremoteCopy(p *peerPort, files []peerFile) error {
	m := &mpremote{p: p}
	if err := m.enterRaw(); err != nil {
		return err
	}
	for _, f := range files {
		for range 2 { // fs_exists(''), fs_isdir('')
			if _, err := m.exec("import os"); err != nil {
				return err
			}
			out, err := m.exec("print(repr(os.stat('')))")
			if err != nil {
				return fmt.Errorf("mpremote: cp: destination does not exist: %w", err)
			}
			if !strings.HasPrefix(out, "(16384,") {
				return fmt.Errorf("mpremote: cp: destination is not a directory (%s)", out)
			}
		}
		dest := pyStr("./" + f.name)
		if _, err := m.exec("import hashlib\nh = hashlib.sha256()"); err != nil {
			return err
		}
		// The remote hash of a file that is not there: OSError, so copy.
		hash := "buf = memoryview(bytearray(256))\nwith open(" + dest + ", 'rb') as f:\n while True:\n  n = f.readinto(buf)\n  if n == 0:\n   break\n  h.update(buf if n == 256 else buf[:n])\n"
		if _, err := m.exec(hash); !errors.Is(err, errExec) {
			return fmt.Errorf("mpremote: hash of a new file: want OSError, got %v", err)
		}
		if _, err := m.exec("f=open(" + dest + ",'wb')\nw=f.write"); err != nil {
			return err
		}
		for off := 0; off < len(f.data); off += 256 {
			if _, err := m.exec("w(" + pyBytesRepr(f.data[off:min(off+256, len(f.data))]) + ")"); err != nil {
				return err
			}
		}
		if _, err := m.exec("f.close()"); err != nil {
			return err
		}
	}
	return m.p.write([]byte("\r\x02"))
}

// ---- mpytool (pavelrevak/mpytool: mpy_comm.py, mpy.py, cmd_cp.py, conn.py) ----

// mpytool drives the classic raw REPL: a whole command and Ctrl-D in one
// write, then waits for "OK", stdout and the exception, each wait a
// select() of at most 1 ms per look (it wakes as soon as bytes arrive).
type mpytool struct {
	p      *peerPort
	loaded map[string]bool // imports and helpers already sent
}

func (t *mpytool) readUntil(end string, timeout time.Duration) ([]byte, error) {
	last := time.Now()
	for {
		if out, ok := t.p.takeUntil([]byte(end)); ok {
			return out[:len(out)-len(end)], nil
		}
		have := t.p.inWaiting()
		if err := t.p.wait(have, time.Millisecond); err != nil {
			return nil, err
		}
		if t.p.inWaiting() != have {
			last = time.Now()
		} else if time.Since(last) > timeout {
			return nil, fmt.Errorf("mpytool: no %q from the board within %v (got %q)", end, timeout, t.p.peek())
		}
	}
}

func (t *mpytool) exec(code string) (string, error) {
	if err := t.p.write([]byte(code)); err != nil {
		return "", err
	}
	if err := t.p.write([]byte("\x04")); err != nil {
		return "", err
	}
	if _, err := t.readUntil("OK", silence); err != nil {
		return "", err
	}
	out, err := t.readUntil("\x04", silence)
	if err != nil {
		return "", err
	}
	exc, err := t.readUntil("\x04>", silence)
	if err != nil {
		return "", err
	}
	if len(exc) > 0 {
		return "", fmt.Errorf("%w: %s", errExec, exc)
	}
	return string(out), nil
}

// once runs code the first time key is asked for (import_module,
// load_helper).
func (t *mpytool) once(key, code string) error {
	if t.loaded[key] {
		return nil
	}
	if _, err := t.exec(code); err != nil {
		return err
	}
	t.loaded[key] = true
	return nil
}

func (t *mpytool) imports(mods ...string) error {
	for _, m := range mods {
		if err := t.once("import "+m, "import "+m); err != nil {
			return err
		}
	}
	return nil
}

// The board-side helpers mpytool defines before it uses them (about the
// size of its own): stat as a size (-1 for a folder, None when absent),
// a file's sha256, and a batch of (size, hash-if-the-size-matches).
const (
	helperStat = "def _mt_stat(p):\n    try:\n        s=os.stat(p)\n        return -1 if s[0]==0x4000 else s[6] if s[0]==0x8000 else None\n    except:return None\n"
	helperHash = "def _mt_hash(p):\n    h=hashlib.sha256()\n    with open(p,'rb')as f:\n        while 1:\n            c=f.read(512)\n            if not c:break\n            h.update(c)\n    return ubinascii.b2a_base64(h.digest()).strip()\n"
	helperInfo = "def _mt_finfo(files):\n    r={}\n    for p,xsz in files.items():\n        try:\n            s=os.stat(p)\n            if s[0]!=0x8000:r[p]=None;continue\n            sz=s[6]\n            r[p]=(sz,None)if sz!=xsz else(sz,_mt_hash(p))\n        except:r[p]=None\n    gc.collect()\n    return r\n"
)

// mpytoolCopy is `mpytool cp <dir>/ :/` on a board at its friendly REPL:
// one batched size-and-hash query for every destination (keyed without
// the leading slash, so it never matches and each file is stat'ed again),
// then per file its parent and itself stat'ed and the file written in
// chunks sized from the board's free RAM, each chunk in the shortest of
// repr, base64 and zlib+base64 (mpy.put).
func mpytoolCopy(p *peerPort, files []peerFile) error {
	t := &mpytool{p: p, loaded: map[string]bool{}}
	// stop_current_operation, then enter_raw_repl.
	p.discard()
	if err := p.write([]byte("\x03")); err != nil {
		return err
	}
	if _, err := t.readUntil("\r\n>>> ", silence); err != nil {
		return err
	}
	if err := p.write([]byte("\x01")); err != nil {
		return err
	}
	if _, err := t.readUntil("\r\n>", silence); err != nil {
		return err
	}

	// _prefetch_remote_info -> Mpy.fileinfo.
	if err := t.imports("os", "gc", "hashlib", "ubinascii"); err != nil {
		return err
	}
	if err := t.once("_hash", helperHash); err != nil {
		return err
	}
	if err := t.once("fileinfo", helperInfo); err != nil {
		return err
	}
	var q []string
	for _, f := range files {
		q = append(q, fmt.Sprintf("%s: %d", pyStr(f.name), len(f.data)))
	}
	if _, err := t.exec("print(_mt_finfo({" + strings.Join(q, ", ") + "}))"); err != nil {
		return err
	}

	chunk := 0
	for _, f := range files {
		dest := "/" + f.name
		// _put_file: the parent folder, then _file_needs_update's stat.
		for _, path := range []string{"/", dest} {
			if err := t.once("stat", helperStat); err != nil {
				return err
			}
			if _, err := t.exec("print(_mt_stat(" + pyStr(path) + "))"); err != nil {
				return err
			}
		}
		if chunk == 0 {
			var err error
			if chunk, err = t.chunkSize(); err != nil {
				return err
			}
		}
		compress := chunk >= 8192
		if compress {
			if err := t.imports("deflate"); err != nil {
				return err
			}
		}
		if err := t.imports("ubinascii as ub"); err != nil {
			return err
		}
		if compress {
			if err := t.imports("deflate as df", "io as _io"); err != nil {
				return err
			}
		}
		if _, err := t.exec("f = open(" + pyStr(dest) + ", 'wb')"); err != nil {
			return err
		}
		for off := 0; off < len(f.data); off += chunk {
			cmd, err := mpytoolEncode(f.data[off:min(off+chunk, len(f.data))], compress)
			if err != nil {
				return err
			}
			if _, err := t.exec("print(f.write(" + cmd + "))"); err != nil {
				return err
			}
		}
		if _, err := t.exec("f.close()"); err != nil {
			return err
		}
		if _, err := t.exec("gc.collect()"); err != nil {
			return err
		}
	}
	return nil
}

// chunkSize is mpytool's _detect_chunk_size: about a tenth of the free RAM
// after a collection, in powers of two from 512 B to 32 KiB.
func (t *mpytool) chunkSize() (int, error) {
	if _, err := t.exec("gc.collect()"); err != nil {
		return 0, err
	}
	out, err := t.exec("print(gc.mem_free())")
	if err != nil {
		return 0, err
	}
	var free int
	fmt.Sscan(out, &free)
	for _, s := range []struct{ over, chunk int }{
		{256 << 10, 32768}, {128 << 10, 16384}, {64 << 10, 8192}, {48 << 10, 4096}, {32 << 10, 2048}, {24 << 10, 1024},
	} {
		if free > s.over {
			return s.chunk, nil
		}
	}
	return 512, nil
}

// mpytoolEncode picks the shortest expression for a chunk (_encode_chunk).
func mpytoolEncode(chunk []byte, compress bool) (string, error) {
	best := pyBytesRepr(chunk)
	if b64 := "ub.a2b_base64('" + base64.StdEncoding.EncodeToString(chunk) + "')"; len(b64) < len(best) {
		best = b64
	}
	if compress {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		if _, err := zw.Write(chunk); err != nil {
			return "", err
		}
		if err := zw.Close(); err != nil {
			return "", err
		}
		if c := "df.DeflateIO(_io.BytesIO(ub.a2b_base64('" + base64.StdEncoding.EncodeToString(z.Bytes()) + "'))).read()"; len(c) < len(best) {
			best = c
		}
	}
	return best, nil
}

// pyBytesRepr is Python's repr() of bytes: single quotes unless the data
// holds ' and no ", escapes for \\, the quote, \t \n \r, and \xNN for the
// rest outside printable ASCII.
func pyBytesRepr(b []byte) string {
	q := byte('\'')
	if bytes.IndexByte(b, '\'') >= 0 && bytes.IndexByte(b, '"') < 0 {
		q = '"'
	}
	var sb strings.Builder
	sb.WriteByte('b')
	sb.WriteByte(q)
	for _, c := range b {
		switch {
		case c == q || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&sb, `\x%02x`, c)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(q)
	return sb.String()
}

// pyStr is Python's repr() of a plain ASCII path.
func pyStr(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// sortedFiles orders a job's files by name (a shell glob's order).
func sortedFiles(files map[string][]byte) []peerFile {
	var out []peerFile
	for name, data := range files {
		out = append(out, peerFile{name, data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
