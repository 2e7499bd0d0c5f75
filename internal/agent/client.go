package agent

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"
	"time"

	"github.com/otapush/otapush/internal/rawrepl"
)

// Options tune the transfer.
type Options struct {
	// Chunk is the payload bytes per exec (default 32 KiB, halved by Afford
	// on a board short of heap). Each chunk is held whole in the board's
	// RAM (decoded, and once more while inflating), so it bounds the
	// board's peak heap use per call. A 50 KB file goes in two execs, not
	// four: every exec costs a round trip and its own compile.
	Chunk int
	// WBits is the largest raw-deflate window the board may inflate with,
	// 2^WBits bytes of its RAM (default 14: 16 KiB, lowered by Afford on a
	// board short of heap; 0 < WBits < 9 means no compression).
	// MicroPython accepts 5..15.
	WBits int
	// NoCompress sends plain base64 always.
	NoCompress bool
}

const (
	defaultChunk = 32768
	defaultWBits = 14
	minChunk     = 2048
)

// Client drives the agent over one raw REPL connection. Not safe for
// concurrent use (the connection is not).
type Client struct {
	c          *rawrepl.Conn
	chunk      int
	wbits      int
	noCompress bool
	mem        int64 // the board's free heap (Afford); 0: unknown
}

// New wraps an open connection.
func New(c *rawrepl.Conn, o Options) *Client {
	b := &Client{c: c, chunk: o.Chunk, wbits: o.WBits, noCompress: o.NoCompress}
	if b.chunk <= 0 {
		b.chunk = defaultChunk
	}
	if b.wbits == 0 {
		b.wbits = defaultWBits
	}
	if o.NoCompress || b.wbits < 9 {
		b.wbits = 0
	}
	if b.wbits > 15 {
		b.wbits = 15
	}
	return b
}

// Afford fits one call's working set to a board with mem bytes of free
// heap: the deflate window to at most a quarter of it, and the chunk to at
// most a quarter too (a call holds its chunk's literal, deflated to about
// a third, three times: the code, the lexer's copy, the bytes object;
// beside the window and the files' hashing; at half, a 64 KB board's putn
// of two 4 KB files ran out of heap now and then). So a board with 64 KB
// of heap, of which the agent holds some 35 KB, still takes every upload;
// a Pico's (150 KB and more) keeps the default chunk.
func (b *Client) Afford(mem int64) {
	b.mem = mem
	for b.wbits > 9 && int64(4)<<b.wbits > mem {
		b.wbits--
	}
	for mem > 0 && b.chunk > minChunk && int64(b.chunk) > mem/4 {
		b.chunk /= 2
	}
}

// Chunk is the payload bytes per exec in use.
func (b *Client) Chunk() int { return b.chunk }

// WBits is the deflate window in use (0: no compression).
func (b *Client) WBits() int { return b.wbits }

// bulkMin is the size from which an exec is sent as bulk data
// (rawrepl.ExecBulk): a chunk of a file, not a call.
const bulkMin = 1024

// exec runs agent code and classifies transport and board errors. A big
// exec (a file's chunk) goes as bulk data when the board's heap holds it
// four times over: the classic raw REPL keeps the code whole until it
// compiles it, and compiling copies its literal twice (the lexer's
// buffer, the bytes object).
func (b *Client) exec(ctx context.Context, call, code string) ([]byte, error) {
	run := b.c.Exec
	if len(code) >= bulkMin && b.mem > 0 && 4*int64(len(code)) <= b.mem {
		run = b.c.ExecBulk
	}
	out, err := run(ctx, code)
	if err == nil {
		return out, nil
	}
	var be *rawrepl.BoardError
	if errors.As(err, &be) {
		if be.Type == "AttributeError" && strings.Contains(be.Message, "'"+call+"'") {
			// An agent older than the call: the host upgrades it.
			return nil, &Error{Call: call, Code: ErrNoAgent, Msg: "the board's agent is older than this otapush (" + be.Message + ")"}
		}
		if be.Type == "ImportError" || strings.Contains(be.Message, "ota_agent") {
			return nil, &Error{Call: call, Code: ErrNoAgent, Msg: be.Message}
		}
		if rawrepl.IsENOSPC(err) {
			return nil, &Error{Call: call, Code: ErrFull, Msg: be.Message}
		}
	}
	return out, err
}

func (b *Client) call(ctx context.Context, v any, path, fn string, args ...any) error {
	code, err := pyCall(fn, args...)
	if err != nil {
		return err
	}
	out, err := b.exec(ctx, fn, code)
	if err != nil {
		return err
	}
	return parseReply(fn, path, out, v)
}

// Call runs the agent's function fn with args and decodes its answer into
// v (nil: only whether it is ok). The typed methods below are built on it;
// the agent's own tests drive through it the calls the host never makes
// alone (hostile arguments, the upload primitives one by one).
func (b *Client) Call(ctx context.Context, v any, fn string, args ...any) error {
	return b.call(ctx, v, "", fn, args...)
}

// Status is the agent's status(). A board without the agent answers
// ErrNoAgent.
func (b *Client) Status(ctx context.Context) (Status, error) {
	var s Status
	err := b.call(ctx, &s, "", "status")
	if err == nil && s.API != APIVersion {
		err = apiError(s.API)
	}
	return s, err
}

// Survey is everything preflight and delta need, in one call (one round
// trip on the wire): status, the live hashes of paths and what the stage
// already holds of them.
type Survey struct {
	Status Status `json:"status"`
	Live   Hashes `json:"live"`
	Staged Hashes `json:"stage"`
	// Parts are the sizes of the temp files an interrupted upload left
	// half written in the stage (empty from an agent that does not say).
	// The next upload deletes them before it checks for space, so their
	// blocks count as free.
	Parts []int64 `json:"parts"`
	// N: the answer covers the first N paths only (1.8.0, a board short
	// of heap); Survey asks for the rest.
	N int `json:"n"`
}

// Survey is the agent's survey(paths). An agent too old to have it is
// ErrNoAgent with its Status still read, so the caller can tell an idle
// agent it may upgrade from a busy one.
func (b *Client) Survey(ctx context.Context, paths []string) (Survey, error) {
	var sv Survey
	err := b.call(ctx, &sv, "", "survey", paths)
	var ae *Error
	if errors.As(err, &ae) && strings.Contains(ae.Msg, "no module named") {
		return sv, err // no agent at all: there is no status to read
	}
	if errors.Is(err, ErrNoAgent) {
		// Whatever its API, the status says whether the agent is busy.
		var s Status
		if b.call(ctx, &s, "", "status") == nil {
			sv.Status = s
		}
		return sv, err
	}
	if err == nil && sv.Status.API != APIVersion {
		err = apiError(sv.Status.API)
	}
	// A board short of heap answers for the first N paths; the rest
	// follow in as many calls as its heap needs (a board with heap
	// enough answers at once: one round trip).
	for done := 0; err == nil && sv.N > 0; {
		done += sv.N
		if done >= len(paths) {
			break
		}
		var more Survey
		if err = b.call(ctx, &more, "", "survey", paths[done:], 1); err != nil {
			break
		}
		if more.N == 0 && len(more.Live) < len(paths)-done {
			err = &Error{Call: "survey", Code: ErrNoAgent, Msg: fmt.Sprintf("the board answered for %d of %d paths", len(more.Live), len(paths)-done)}
			break
		}
		maps.Copy(sv.Live, more.Live)
		maps.Copy(sv.Staged, more.Staged)
		sv.N = more.N
	}
	sv.N = 0
	return sv, err
}

func apiError(api int) error {
	return &Error{Call: "status", Code: ErrNoAgent, Msg: fmt.Sprintf("agent API %d, this otapush speaks %d", api, APIVersion)}
}

// File is what the host knows about a file it uploads: its verified size
// and hashes. BlobSHA1 is checked too when the board has sha1.
type File struct {
	Path     string
	Size     int64
	SHA256   string
	BlobSHA1 string
}

// UploadStats is what one upload cost.
type UploadStats struct {
	Payload int64 // file bytes
	Encoded int64 // bytes of deflate (or raw) data before base64
	Execs   int
}

// Progress is one step of an upload: File's bytes sent so far, and
// Verified once the board has hashed and staged it.
type Progress struct {
	File     File
	Sent     int64
	Verified bool
}

// Upload stages files, in order, with as few execs as the chunk size
// allows: the host's one way onto the board's stage. Two or more files at
// the head that fit one chunk together go out as ONE raw-deflate stream of
// their concatenation to the agent's putn(), which splits it and hashes
// each file after close: deflating small files together, not one by one,
// is what brings a bundle of them near the ratio of one big file. Any
// other file streams alone, chunk by chunk, each raw-deflated when that
// pays. The board stages a file only when its hash matches (else ErrHash:
// the bytes it got are not the file; send it again). open gives a file's
// verified bytes; progress, if set, gets each step. It returns how many
// files from the head are staged; on an error the *Error names the
// failing path (putn may have staged files after it too: the agent
// re-verifies everything at arm, so re-sending them is only wasted bytes).
func (b *Client) Upload(ctx context.Context, files []File, open func(File) (io.ReadCloser, error), progress func(Progress)) (int, UploadStats, error) {
	var st UploadStats
	if progress == nil {
		progress = func(Progress) {}
	}
	for i := 0; i < len(files); {
		if err := ctx.Err(); err != nil {
			return i, st, err
		}
		n := b.batchable(files[i:])
		if n < 2 {
			if err := b.stream(ctx, files[i], open, &st, progress); err != nil {
				return i, st, err
			}
			i++
			continue
		}
		done, err := b.batch(ctx, files[i:i+n], open, &st, progress)
		if err != nil {
			return i + done, st, err
		}
		i += n
	}
	return len(files), st, nil
}

// batchable counts the files at the head that fit one chunk together.
func (b *Client) batchable(files []File) int {
	budget := int64(b.chunk)
	n := 0
	for _, f := range files {
		if f.Size > budget {
			break
		}
		budget -= f.Size
		n++
	}
	return n
}

// stream sends one file into the board's stage: chunks of its verified
// bytes, base64 text on the wire; the board hashes the temp file after
// close and stages it only on a match (else ErrHash, nothing staged).
func (b *Client) stream(ctx context.Context, f File, open func(File) (io.ReadCloser, error), st *UploadStats, progress func(Progress)) error {
	r, err := open(f)
	if err != nil {
		return err
	}
	defer r.Close()
	var sha1 any
	if f.BlobSHA1 != "" {
		sha1 = f.BlobSHA1
	}
	xctx, done := safePoint(ctx)
	defer done()
	// The file starts now, as a batch does: a progress display shows it
	// from its first chunk on, and a timer of the upload starts with it.
	progress(Progress{File: f})
	buf := make([]byte, b.chunk)
	var sent int64
	first := true
	for {
		n, rerr := io.ReadFull(r, buf)
		if rerr != nil && rerr != io.EOF && rerr != io.ErrUnexpectedEOF {
			return rerr
		}
		last := rerr != nil
		if ctx.Err() != nil {
			return ctx.Err()
		}
		data, wbits, err := b.encode(buf[:n])
		if err != nil {
			return err
		}
		sent += int64(n)
		st.Payload += int64(n)
		st.Encoded += int64(len(data))
		st.Execs++
		switch {
		case first && last:
			// Whole file in one exec.
			err = b.call(xctx, nil, f.Path, "put", f.Path, data, f.SHA256, wbits, sha1)
		case first:
			code := callCode("begin", f.Path, f.Size) + callCode("w", data, wbits)
			err = b.run(xctx, "w", f.Path, code)
		case last:
			code := callCode("w", data, wbits) + callCode("finish", f.Path, f.SHA256, sha1)
			err = b.run(xctx, "finish", f.Path, code)
		default:
			err = b.call(xctx, nil, f.Path, "w", data, wbits)
		}
		if err != nil {
			return err
		}
		progress(Progress{File: f, Sent: sent})
		if last {
			progress(Progress{File: f, Sent: sent, Verified: true})
			return nil
		}
		first = false
	}
}

// batch sends files that fit one chunk together in one putn exec; it
// returns how many from the head the board staged.
func (b *Client) batch(ctx context.Context, files []File, open func(File) (io.ReadCloser, error), st *UploadStats, progress func(Progress)) (int, error) {
	datas := make([][]byte, len(files))
	for i, f := range files {
		rc, err := open(f)
		if err != nil {
			return 0, err
		}
		datas[i], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return 0, err
		}
	}
	progress(Progress{File: files[0]})
	xctx, done := safePoint(ctx)
	defer done()
	n, err := b.putn(xctx, files, datas, st)
	for _, f := range files[:n] {
		progress(Progress{File: f, Sent: f.Size, Verified: true})
	}
	return n, err
}

// callCode is one agent call without the import line, to batch several
// calls into one exec.
func callCode(fn string, args ...any) string {
	c, err := pyCall(fn, args...)
	if err != nil {
		// Only the fixed argument types above reach here; a failure is a
		// programming error, surfaced as Python that raises on the board.
		return "raise ValueError('otapush: bad argument to " + fn + "')\n"
	}
	return strings.TrimPrefix(c, "import ota_agent\n")
}

// run execs batched calls; every JSON line must be ok, the last is the
// answer.
func (b *Client) run(ctx context.Context, fn, path, body string) error {
	out, err := b.exec(ctx, fn, "import ota_agent\n"+body)
	if err != nil {
		return err
	}
	lines := jsonLines(out)
	if len(lines) == 0 {
		return parseReply(fn, path, out, nil)
	}
	for _, l := range lines {
		if err := parseReply(fn, path, l, nil); err != nil {
			return err
		}
	}
	return nil
}

// encode raw-deflates a chunk when that saves at least an eighth; the
// board inflates it with the same window. A chunk no longer than the
// window gets the best compression: no match can reach further back than
// the chunk's own start, so any distance fits the board's window. A longer
// one needs a window-bounded (faster, weaker) encoder.
func (b *Client) encode(p []byte) ([]byte, int, error) {
	if b.wbits == 0 || len(p) < 256 {
		return p, 0, nil
	}
	z, err := deflateWindow(p, b.wbits)
	if err != nil {
		return nil, 0, err
	}
	if len(z) > len(p)-len(p)/8 {
		return p, 0, nil
	}
	return z, b.wbits, nil
}

// SafePointGrace is how long an exec already sent may run on after the
// caller's context is cancelled (Ctrl-C), so a push stops between execs
// with the board in a known state rather than mid-exec; a board that
// hangs is still cut off after it.
const SafePointGrace = 5 * time.Second

// safePoint returns a context for one mutating exec: it outlives ctx's
// cancellation by SafePointGrace. Callers check ctx between execs.
func safePoint(ctx context.Context) (context.Context, func()) {
	x, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(SafePointGrace, cancel)
		context.AfterFunc(x, func() { t.Stop() })
	})
	return x, func() { stop(); cancel() }
}

// ArmResult is arm()'s answer.
type ArmResult struct {
	State State `json:"state"`
	Puts  int   `json:"puts"`
	Dels  int   `json:"dels"`
	// More: not armed yet, this many files hashed so far (Arm goes on).
	More int `json:"more"`
}

// Arm writes the plan and commit point 1: the next boot swaps.
func (b *Client) Arm(ctx context.Context, spec ArmSpec) (ArmResult, error) {
	var r ArmResult
	js, err := spec.CompactJSON()
	if err != nil {
		return r, err
	}
	// Arm is commit point 1: once sent, learn whether it happened.
	xctx, done := safePoint(ctx)
	defer done()
	err = b.arm(xctx, &r, string(js))
	if errors.Is(err, ErrDigest) {
		// The board's files are not the plan's: the full form names them.
		if js, err = json.Marshal(spec); err != nil {
			return r, err
		}
		err = b.arm(xctx, &r, string(js))
	}
	return r, err
}

// arm calls arm(js) until it is done: a board short of heap (1.8.0)
// answers "more" after hashing that many files, and goes on from them
// when called again with more=1, the garbage of each call collected in
// between. A board with heap enough answers at once.
func (b *Client) arm(ctx context.Context, r *ArmResult, js string) error {
	err := b.call(ctx, r, "", "arm", js)
	for done := 0; err == nil && r.More > 0; {
		if r.More <= done {
			return &Error{Call: "arm", Code: ErrNoAgent, Msg: fmt.Sprintf("the board's heap holds no more than %d files' records: arm made no progress (a smaller bundle, or a board with more free heap)", r.More)}
		}
		done = r.More
		*r = ArmResult{}
		err = b.call(ctx, r, "", "arm", nil, false, 1)
	}
	return err
}

// Confirm accepts a version on trial: ResultCommitted, or ResultNone when
// nothing was on trial.
func (b *Client) Confirm(ctx context.Context) (Result, error) {
	var r struct {
		R Result `json:"r"`
	}
	err := b.call(ctx, &r, "", "confirm")
	return r.R, err
}

// RollbackResult is rollback()'s answer.
type RollbackResult struct {
	// R is ResultRolledBack (a version on trial was reverted now) or
	// ResultReverting (the confirmed version is armed to be replaced by
	// the kept previous one at the next boot).
	R       Result `json:"r"`
	State   State  `json:"state"`
	Version string `json:"version,omitempty"` // the version a revert returns to
}

// Rollback reverts a version still on trial now, or, when the board is
// idle and keeps a previous version (keep_previous), arms the revert to
// it; either way the caller resets next. ErrNoPrev: neither applies.
// nonce ("" none) tags the events of a revert's transaction.
func (b *Client) Rollback(ctx context.Context, why, nonce string) (RollbackResult, error) {
	var r RollbackResult
	// Arming a revert is commit point 1: once sent, learn whether it
	// happened.
	xctx, done := safePoint(ctx)
	defer done()
	args := []any{why}
	if nonce != "" {
		args = append(args, nil, 0, nonce)
	}
	err := b.call(xctx, &r, "", "rollback", args...)
	return r, err
}

// Relaunch is relaunch(): a trial boot the host cut short
// is given back before the host soft-resets into the app. It returns the
// transaction state; only idle and trial boards are handed back.
func (b *Client) Relaunch(ctx context.Context) (State, error) {
	var r struct {
		State State `json:"state"`
	}
	err := b.call(ctx, &r, "", "relaunch")
	return r.State, err
}

// Abort drops an upload or an armed update not yet applied; it returns
// the state after (normally StateIdle).
func (b *Client) Abort(ctx context.Context) (State, error) {
	var r struct {
		State State `json:"state"`
		More  int   `json:"more"`
	}
	err := b.call(ctx, &r, "", "abort")
	// A board short of heap (1.8.0) undoes and cleans up part way and
	// says "more"; each call goes on from the last (every step is
	// guarded by what its filesystem shows, so none is done twice).
	for n := 0; err == nil && r.More > 0; n++ {
		if n == maxAbortCalls {
			return r.State, &Error{Call: "abort", Code: ErrNoAgent, Msg: fmt.Sprintf("the board still had more to undo after %d calls (state %s)", n+1, r.State)}
		}
		r.More = 0
		err = b.call(ctx, &r, "", "abort")
	}
	return r.State, err
}

// maxAbortCalls bounds the abort calls a board short of heap may need
// (each moves or removes at least one file).
const maxAbortCalls = 1000

// SetConfig replaces /.ota/config.json on an idle board with configJSON
// (a JSON object of agent settings); the agent checks it first (ErrConfig)
// and drops a stage or backup folder the new settings no longer name.
func (b *Client) SetConfig(ctx context.Context, configJSON string) error {
	return b.call(ctx, nil, "", "config", configJSON)
}

// InstallAgent installs or upgrades the embedded agent with the on-board
// installer (crash-safe: docs/agent.md). configJSON becomes
// /.ota/config.json ("" keeps the board's).
//
// chunk bounds the bytes of file data per exec on the wire (what the board
// holds in RAM at once). The files travel raw-deflated when the board has
// the deflate module (the installer says so).
//
// The agent module goes as bytecode (ota_agent.mpy) when the installer
// says the board loads it, as Python source otherwise.
func (b *Client) InstallAgent(ctx context.Context, chunk int, configJSON string) error {
	return b.installAgent(ctx, chunk, configJSON, nil)
}

// InstallAgentSource is InstallAgent with the agent module given as
// Python source (ota_agent.py), on any board: how tests install an agent
// of their own making.
func (b *Client) InstallAgentSource(ctx context.Context, chunk int, configJSON string, src []byte) error {
	return b.installAgent(ctx, chunk, configJSON, src)
}

func (b *Client) installAgent(ctx context.Context, chunk int, configJSON string, src []byte) error {
	out, err := b.c.Exec(ctx, installScript())
	if err != nil {
		return fmt.Errorf("board: agent installer: %w", err)
	}
	var caps struct {
		Deflate bool `json:"deflate"`
		MPY     int  `json:"mpy"`
	}
	if err := parseReply("install", "", out, &caps); err != nil {
		return err
	}
	wbits := 0
	if caps.Deflate && !b.noCompress {
		wbits = installWBits
	}
	files := Shipped(caps.MPY)
	if src != nil {
		files = WithModule(src)
	}
	for _, s := range installSteps(chunk, configJSON, wbits, files) {
		out, err := b.c.Exec(ctx, s)
		if err != nil {
			if rawrepl.IsENOSPC(err) {
				return &Error{Call: "install", Code: ErrFull, Msg: err.Error()}
			}
			return fmt.Errorf("board: agent install: %w", err)
		}
		if !strings.Contains(s, "_oi_install(") && !strings.HasPrefix(s, "_oi_cfg(") {
			continue // a chunk: it answers nothing, a failure raises
		}
		if err := parseReply("install", "", out, nil); err != nil {
			return err
		}
	}
	return nil
}

// putn sends files as one stream in one exec; it returns how many from
// the head the board staged.
func (b *Client) putn(ctx context.Context, files []File, datas [][]byte, st *UploadStats) (int, error) {
	var all []byte
	meta := make([][]any, len(files))
	for i, f := range files {
		all = append(all, datas[i]...)
		// The size splits the stream; the batch digest catches content
		// that is not what f says.
		meta[i] = []any{f.Path, len(datas[i])}
	}
	d, err := batchDigest(files)
	if err != nil {
		return 0, err
	}
	data, wbits, err := b.encode(all)
	if err != nil {
		return 0, err
	}
	st.Payload += int64(len(all))
	st.Encoded += int64(len(data))
	st.Execs++
	var r struct {
		R []struct {
			Err    string `json:"err"`
			Msg    string `json:"msg"`
			SHA256 string `json:"sha256"`
			SHA1   string `json:"sha1"`
		} `json:"r"`
	}
	if err := b.call(ctx, &r, files[0].Path, "putn", data, wbits, meta, d); err != nil {
		return 0, err
	}
	if len(r.R) != len(files) {
		return 0, &Error{Call: "putn", Path: files[0].Path, Code: ErrNoAgent, Msg: fmt.Sprintf("agent answered for %d of %d files", len(r.R), len(files))}
	}
	if r.R[0].Err == string(ErrHash) && r.R[0].SHA256 != "" {
		// The batch missed its digest, so nothing is staged; the board's
		// hashes name the file that is not what it should be.
		for i, x := range r.R {
			f := files[i]
			if x.SHA256 != f.SHA256 || x.SHA1 != "" && f.BlobSHA1 != "" && x.SHA1 != f.BlobSHA1 {
				return 0, &Error{Call: "putn", Path: f.Path, Code: ErrHash,
					Msg: fmt.Sprintf("board has sha256 %s sha1 %s, want %s %s", x.SHA256, x.SHA1, f.SHA256, f.BlobSHA1)}
			}
		}
		return 0, &Error{Call: "putn", Path: files[0].Path, Code: ErrHash, Msg: r.R[0].Msg}
	}
	for i, x := range r.R {
		if x.Err != "" {
			return i, &Error{Call: "putn", Path: files[i].Path, Code: Kind(x.Err), Msg: x.Msg}
		}
	}
	return len(files), nil
}

// batchDigest is putn's proof of a batch: sha256 of the
// files' binary sha256s, then sha256 of their git blob sha1s (32 zero
// bytes when one is unknown): 64 bytes a call instead of the 52 of every
// file, with neither hash checked any less.
func batchDigest(files []File) ([]byte, error) {
	h256, h1 := sha256.New(), sha256.New()
	all1 := true
	for _, f := range files {
		b, err := hex.DecodeString(f.SHA256)
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("board: %s: bad sha256 %q", f.Path, f.SHA256)
		}
		h256.Write(b)
		if f.BlobSHA1 == "" {
			all1 = false
			continue
		}
		if b, err = hex.DecodeString(f.BlobSHA1); err != nil || len(b) != 20 {
			return nil, fmt.Errorf("board: %s: bad git blob sha1 %q", f.Path, f.BlobSHA1)
		}
		h1.Write(b)
	}
	d := h256.Sum(nil)
	if all1 {
		return h1.Sum(d), nil
	}
	return append(d, make([]byte, sha256.Size)...), nil
}
