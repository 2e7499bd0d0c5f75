package rawrepl

import (
	"bytes"
	"io"
)

// Bytes of the raw REPL protocol (shared/runtime/pyexec.c).
const (
	ctrlA = 0x01 // enter raw REPL; in raw-paste: one window of credit
	ctrlB = 0x02 // leave raw REPL
	ctrlC = 0x03 // interrupt
	ctrlD = 0x04 // end of code / soft reset / reply separator
	ctrlE = 0x05 // first byte of the raw-paste request

	rawBannerText = "raw REPL; CTRL-B to exit"
)

// maxException bounds the exception text kept in memory: a traceback is
// small, and a board streaming garbage must not grow the host without
// limit.
const maxException = 64 << 10

type replyStage uint8

const (
	stageStdout replyStage = iota
	stageException
	stagePrompt
	stageDone
)

// replyParser splits the board's answer to one exec, which pyexec.c writes
// as stdout, \x04, exception text, \x04, '>'. It is fed whatever each read
// returned, so every split of the stream must give the same result; it
// never blocks and never allocates more than maxException plus a banner.
type replyParser struct {
	stage     replyStage
	stdout    io.Writer // nil discards
	stdoutN   int64
	werr      error
	exception []byte
	truncated bool
	// after collects bytes that came after the second \x04 in place of the
	// prompt: a soft reboot (sys.exit(), machine.soft_reset()) ends the
	// exec with "MPY: soft reboot ... raw REPL; CTRL-B to exit\r\n>".
	after      []byte
	softReboot bool
}

// feed consumes bytes of b up to and including the end of the reply and
// returns how many it used; done is true once the prompt was seen.
func (p *replyParser) feed(b []byte) (n int, done bool) {
	for n < len(b) && p.stage != stageDone {
		switch p.stage {
		case stageStdout:
			i := bytes.IndexByte(b[n:], ctrlD)
			end := len(b)
			if i >= 0 {
				end = n + i
			}
			p.writeStdout(b[n:end])
			n = end
			if i >= 0 {
				n++
				p.stage = stageException
			}
		case stageException:
			i := bytes.IndexByte(b[n:], ctrlD)
			end := len(b)
			if i >= 0 {
				end = n + i
			}
			p.addException(b[n:end])
			n = end
			if i >= 0 {
				n++
				p.stage = stagePrompt
			}
		case stagePrompt:
			if len(p.after) == 0 && b[n] == '>' {
				n++
				p.stage = stageDone
				break
			}
			p.after = append(p.after, b[n])
			n++
			if len(p.after) > 4096 {
				p.after = append(p.after[:0], p.after[len(p.after)-1024:]...)
			}
			if endsWithRawBanner(p.after) {
				p.softReboot = bytes.Contains(p.after, []byte("soft reboot"))
				p.stage = stageDone
			}
		}
	}
	return n, p.stage == stageDone
}

func (p *replyParser) writeStdout(b []byte) {
	if len(b) == 0 {
		return
	}
	p.stdoutN += int64(len(b))
	if p.stdout != nil && p.werr == nil {
		_, p.werr = p.stdout.Write(b)
	}
}

func (p *replyParser) addException(b []byte) {
	room := maxException - len(p.exception)
	if len(b) > room {
		b = b[:room]
		p.truncated = true
	}
	p.exception = append(p.exception, b...)
}

// endsWithRawBanner matches the raw REPL banner with either line ending:
// real boards send CRLF, a board whose stdout is not cooked sends LF.
func endsWithRawBanner(b []byte) bool {
	if len(b) == 0 || b[len(b)-1] != '>' {
		return false
	}
	b = b[:len(b)-1]
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return bytes.HasSuffix(b, []byte(rawBannerText))
}

// indexRawBanner returns the end offset (just past '>') of the first raw
// REPL banner in b, or -1.
func indexRawBanner(b []byte) int {
	off := 0
	for {
		i := bytes.Index(b[off:], []byte(rawBannerText))
		if i < 0 {
			return -1
		}
		j := off + i + len(rawBannerText)
		k := j
		if k < len(b) && b[k] == '\r' {
			k++
		}
		if k < len(b) && b[k] == '\n' {
			k++
			if k < len(b) && b[k] == '>' {
				return k + 1
			}
		}
		if k >= len(b) {
			// Banner cut short by the read: not there yet.
			return -1
		}
		off = j
	}
}
