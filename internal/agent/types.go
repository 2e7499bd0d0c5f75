package agent

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
)

// State is the agent's transaction state: the "s" of its journal
// (/.ota/state.json), idle when there is none. These are the wire names,
// here and nowhere else on the host.
type State string

const (
	StateIdle     State = "idle"     // no transaction
	StateApply    State = "apply"    // armed (commit point 1): the next boot swaps
	StateTrial    State = "trial"    // the new version runs, not confirmed yet
	StateRollback State = "rollback" // the rollback hook runs next, then restore
	StateRestore  State = "restore"  // the old files are being put back
	StateEnd      State = "end"      // finished; the cleanup runs at the next recovery
	StateSafe     State = "safe"     // recovery kept failing; the host must step in
)

// Recovering reports whether the board is still finishing a transaction
// on its own (its next recovery, at boot, completes it).
func (s State) Recovering() bool {
	return s == StateRollback || s == StateRestore || s == StateEnd
}

// Result is how a transaction ended (last.json "r", the journal's "r"),
// or what confirm() and rollback() did.
type Result string

const (
	ResultCommitted  Result = "committed"   // the new version is confirmed
	ResultRolledBack Result = "rolled_back" // the board reverted to the old version
	ResultAborted    Result = "aborted"     // the host dropped an armed update
	ResultNone       Result = "none"        // confirm(): nothing was on trial
	ResultReverting  Result = "reverting"   // rollback(): the kept version is armed
)

// Txn is the journal of the transaction in progress as status() reports
// it (the agent's state.json).
type Txn struct {
	State State `json:"s"`
	// Boots is the trial boots counted so far (trial).
	Boots int `json:"b,omitempty"`
	// BootAborts is the trial boots whose boot.py did not return (trial).
	BootAborts int `json:"ab,omitempty"`
	// GivenBack is 1 when relaunch() gave this boot's trial count back.
	GivenBack int `json:"g,omitempty"`
	// Tries is the recoveries at boot that failed in this state; too many
	// end in StateSafe.
	Tries int    `json:"t,omitempty"`
	Err   string `json:"e,omitempty"` // the last recovery's error
	Why   string `json:"why,omitempty"`
	// Result is what the transaction ends as (StateEnd, or an abort).
	Result Result `json:"r,omitempty"`
}

// Status is the answer of status().
type Status struct {
	Agent  string `json:"agent"`
	API    int    `json:"api"`
	FS     string `json:"fs"`     // "lfs2", "lfs1", "fat", "posix" (simulator), "unknown"
	Atomic bool   `json:"atomic"` // renames are atomic (littlefs); false on FAT
	App    struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"app"`
	State State `json:"state"`
	Txn   *Txn  `json:"txn,omitempty"` // nil when idle
	// Nonce and Policy are the transaction's (1.5.0; "" when idle or
	// armed by a host that gave no nonce): a host that finds a version on
	// trial it did not arm watches for the events of this nonce.
	Nonce  string `json:"nonce,omitempty"`
	Policy Policy `json:"policy,omitempty"`
	// After (the uptime policy's N) and Deadline (per trial boot, 0 or
	// negative: none) are the transaction's, in seconds (1.5.0).
	After    float64 `json:"after,omitempty"`
	Deadline float64 `json:"deadline,omitempty"`
	// To is the version the transaction installs (from its plan; nil
	// when idle, or from an agent that does not say).
	To *struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"to,omitempty"`
	Last   *Outcome `json:"last"`
	Staged int      `json:"staged"`
	BSize  int64    `json:"bsize"`
	Blocks int64    `json:"blocks"`
	BFree  int64    `json:"bfree"`
	// Mem is the free heap after a collection: the host sizes its deflate
	// window by it.
	Mem int64 `json:"mem"`
	// HeapHigh is the most heap in use (gc.mem_alloc) at the end of any
	// agent call since the agent was imported in this session (1.6.0): its
	// resident share plus what the call held. Garbage not collected yet
	// counts too, so it bounds a call's need from above.
	HeapHigh int64 `json:"hw"`
	// Config is /.ota/config.json as the board has it (nil: none, the
	// defaults) and ConfigErr why the agent ignores it ("" when valid),
	// 1.5.1: the host rewrites the settings when they differ from its own.
	Config    map[string]any `json:"cfg"`
	ConfigErr string         `json:"cfgerr"`
	// Prev is the version kept with keep_previous (rollback() returns to
	// it when idle); nil when none is kept.
	Prev *struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"prev"`
}

// Outcome is the last finished transaction (/.ota/last.json).
type Outcome struct {
	Result Result `json:"r"` // committed, rolled_back or aborted
	Why    string `json:"why"`
	// Nonce is the transaction's (1.5.0), Trace the traceback that failed
	// the version (its last KiB), when an exception did.
	Nonce string `json:"n"`
	Trace string `json:"tb"`
	From  struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"from"`
	To struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	} `json:"to"`
}

// FileHash is one file as the board sees it.
type FileHash struct {
	SHA256   string
	BlobSHA1 string // "" when the firmware has no sha1
	Size     int64
}

// Hashes is the answer of hashes(): nil for a path that is not there.
type Hashes map[string]*FileHash

// UnmarshalJSON reads {"h":{path:[sha256, sha1|null, size]|null}}.
func (h *Hashes) UnmarshalJSON(b []byte) error {
	var raw struct {
		H map[string]*[3]any `json:"h"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := Hashes{}
	for p, v := range raw.H {
		if v == nil {
			out[p] = nil
			continue
		}
		fh := &FileHash{}
		fh.SHA256, _ = v[0].(string)
		fh.BlobSHA1, _ = v[1].(string)
		if n, ok := v[2].(float64); ok {
			fh.Size = int64(n)
		}
		out[p] = fh
	}
	*h = out
	return nil
}

// ArmSpec is the argument of arm(): the whole target file set of the new
// version (every file, changed or not), the manifest's delete list and
// hooks, and the trial policy. Files not staged must already be on the
// board with that sha256.
type ArmSpec struct {
	Version    string            `json:"version"`
	Commit     string            `json:"commit,omitempty"`
	Source     string            `json:"source,omitempty"`
	Files      map[string]string `json:"files"` // app path -> sha256
	Delete     []string          `json:"delete,omitempty"`
	PostUpdate string            `json:"post_update,omitempty"`
	Rollback   string            `json:"rollback,omitempty"`
	// Confirm is the trial policy (Policy; "" = the board's config,
	// default uptime).
	Confirm    Policy `json:"confirm,omitempty"`
	TrialBoots int    `json:"trial_boots,omitempty"`
	// ConfirmAfterS is the uptime policy's N (0: the board's default, 5).
	ConfirmAfterS float64 `json:"confirm_after_s,omitempty"`
	// DeadlineS is the board's deadline per trial boot (0: the board's
	// default, 60 for return, app and host, none for uptime; negative:
	// none).
	DeadlineS float64 `json:"deadline_s,omitempty"`
	// HookS is the board's deadline for each hook in seconds (0: the
	// board's config, default 30): a hook still running then fails and
	// the board resets.
	HookS float64 `json:"hook_s,omitempty"`
	// Nonce tags every event of this transaction (NewNonce).
	Nonce string `json:"nonce,omitempty"`
	// KeepPrevious keeps the replaced version's files (/.ota/prev) at
	// commit, so rollback() can revert the confirmed version later.
	KeepPrevious bool `json:"keep_previous,omitempty"`
}

// Digest is the arm digest of the spec's file set: the sha256 of
// "path\x00sha256\n" for each path in byte order. The agent computes the
// same over what it has staged or live, so arm need not carry 64 hex
// characters a file to prove the set whole.
func (s ArmSpec) Digest() string {
	h := sha256.New()
	for _, p := range s.SortedPaths() {
		fmt.Fprintf(h, "%s\x00%s\n", p, s.Files[p])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CompactJSON is the spec as the host sends it to arm(): the paths
// and their Digest instead of each file's sha256. An agent whose files do
// not match answers "digest"; json.Marshal(spec), the full form, then
// tells which files.
func (s ArmSpec) CompactJSON() ([]byte, error) {
	return json.Marshal(struct {
		ArmSpec
		Files  map[string]string `json:"files,omitempty"` // shadows ArmSpec.Files
		Paths  []string          `json:"paths"`
		Digest string            `json:"digest"`
	}{ArmSpec: s, Paths: s.SortedPaths(), Digest: s.Digest()})
}

// SortedPaths returns the spec's file paths in order (for batched calls).
func (s ArmSpec) SortedPaths() []string {
	p := make([]string, 0, len(s.Files))
	for k := range s.Files {
		p = append(p, k)
	}
	sort.Strings(p)
	return p
}
