package manifest

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// MaxNameBytes is the longest name, one path segment, a board stores:
// littlefs's LFS_NAME_MAX (MicroPython builds it with the default 255).
// A longer name would be refused by the board only after the upload.
const MaxNameBytes = 255

// MaxFiles bounds the files of one version: the most the simulated board
// was shown to take end to end (5000 small files: 22 s). Every call that
// carries the file list (survey, arm, version.json) holds it whole in the
// board's heap, about 150 bytes a file for version.json alone, so a Pico W
// (under 200 KB of heap) runs out of RAM far earlier and refuses safely,
// before the swap is armed (docs/agent.md).
const MaxFiles = 5000

// PathError refuses a path that could escape the app root or mean different
// things on the host and the board. It is a verification failure, not a
// usage error: such paths come from a manifest or a tree we do not trust.
type PathError struct {
	Path   string
	Where  string // "manifest files", "delete list", "allow rule", ...
	Reason string
}

func (e *PathError) Error() string {
	if e.Path == "" && e.Where != "" {
		// A rule about the whole set (too many files, no version).
		return fmt.Sprintf("refused %s: %s", e.Where, e.Reason)
	}
	where := ""
	if e.Where != "" {
		where = " in " + e.Where
	}
	return fmt.Sprintf("refused path %q%s: %s", e.Path, where, e.Reason)
}

// RefusedError refuses a tree entry that otapush will not follow.
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string { return fmt.Sprintf("refused %s: %s", e.Path, e.Reason) }

// CheckPath enforces the path rules every file, delete entry and rule must
// pass: relative, '/'-separated, no '..', no empty segment, no backslash, no
// NUL or other control character, valid UTF-8, no name longer than the
// board's filesystem stores. These are checked on the raw string, never
// after cleaning, because cleaning is exactly how "a/../../x" would sneak
// through. CheckAppPath adds the names the agent owns.
func CheckPath(p, where string) error {
	bad := func(reason string) error { return &PathError{Path: p, Where: where, Reason: reason} }
	switch {
	case p == "":
		return bad("empty path")
	case !utf8.ValidString(p):
		// The board's names are text: an invalid byte would become U+FFFD on
		// the way, and two such names the same file.
		return bad("is not valid UTF-8; rename the file")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
	case strings.IndexFunc(p, isControl) >= 0:
		return bad("contains a control character; rename the file")
	case strings.Contains(p, `\`):
		return bad(`contains a backslash; use '/' as the separator`)
	case strings.HasPrefix(p, "/"):
		return bad("absolute paths are not allowed; paths are relative to the app root")
	}
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "":
			return bad("empty path segment ('//' or a trailing '/')")
		case "..":
			return bad("'..' is not allowed")
		case ".":
			return bad("'.' segments are not allowed")
		}
		if len(seg) > MaxNameBytes {
			return bad(fmt.Sprintf("the name %.20q... is %d bytes; the board's filesystem (littlefs) stores at most %d bytes per name", seg, len(seg), MaxNameBytes))
		}
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// The names the on-board agent owns (firmware/ota_agent.py RESERVED and
// MAP, which mirror these): its module, the version record it writes at
// every swap, its folder, and the names under which the app's own boot.py
// and main.py live on (the agent's boot.py and main.py take their place).
const (
	agentFile   = "ota_agent.py"
	agentMPY    = "ota_agent.mpy" // the agent module as bytecode, where the board loads it
	versionFile = "version.json"
	stateDir    = ".ota"
	appPrefix   = "_app_" // _app_<name>.py at the root: where MAP puts the app's boot.py and main.py
)

// CheckAppPath is CheckPath plus the names an app may not use: the
// agent's own files and folder, version.json, _app_*.py at the root, and
// any of those, or boot.py and main.py (files on the board), used as a
// folder. The agent refuses the same (firmware/ota_agent.py check()).
func CheckAppPath(p, where string) error {
	if err := CheckPath(p, where); err != nil {
		return err
	}
	bad := func(reason string) error { return &PathError{Path: p, Where: where, Reason: reason} }
	top, _, nested := strings.Cut(p, "/")
	switch {
	case top == stateDir:
		return bad("reserved for the otapush agent (/.ota is the agent's own folder); leave it out of the bundle (--ignore .ota)")
	case top == agentFile || top == agentMPY || top == versionFile || isAppName(top):
		if nested {
			return bad(fmt.Sprintf("%s is the otapush agent's file on the board, so it cannot be a folder", top))
		}
		return bad(fmt.Sprintf("reserved for the otapush agent (it writes %s itself); leave it out of the bundle (--ignore %s)", top, top))
	case nested && (top == "boot.py" || top == "main.py"):
		return bad(fmt.Sprintf("%s is a file on the board, so it cannot be a folder", top))
	}
	return nil
}

func isAppName(name string) bool {
	return strings.HasPrefix(name, appPrefix) && strings.HasSuffix(name, ".py")
}

// CheckFiles checks a version's file set as a whole, after CheckAppPath
// on each: no path twice, none both a file and a folder, no two paths
// that differ only in case, at most MaxFiles. The board's littlefs is
// case-sensitive, but Windows and macOS hosts are not: such a bundle
// cannot be checked out, built or compared there as the board holds it,
// so it is refused everywhere rather than lose a file on some hosts.
func CheckFiles(paths []string, where string) error {
	if len(paths) > MaxFiles {
		return &PathError{Where: where, Reason: fmt.Sprintf("%d files; otapush pushes at most %d files in one version (the board holds the whole list in RAM at every step); leave some out with --ignore", len(paths), MaxFiles)}
	}
	exact := make(map[string]bool, len(paths))
	folded := make(map[string]string, len(paths)) // lower-case file or folder -> as written
	for _, p := range paths {
		if exact[p] {
			return &PathError{Path: p, Where: where, Reason: "listed twice"}
		}
		exact[p] = true
	}
	// Folders first, so a file named like a folder is reported as such.
	for _, p := range paths {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if exact[d] {
				return &PathError{Path: d, Where: where, Reason: "is both a file and a folder (" + p + ") in this version"}
			}
			k := strings.ToLower(d)
			if prev, ok := folded[k]; ok && prev != d {
				return caseError(prev, d, where)
			}
			folded[k] = d
		}
	}
	for _, p := range paths {
		k := strings.ToLower(p)
		if prev, ok := folded[k]; ok && prev != p {
			return caseError(prev, p, where)
		}
		folded[k] = p
	}
	return nil
}

func caseError(a, b, where string) error {
	if b < a {
		a, b = b, a
	}
	return &PathError{Path: b, Where: where, Reason: fmt.Sprintf("differs from %q only in case; the board keeps both, but Windows and macOS cannot; rename one", a)}
}

// Validate checks a plan against every path rule before any board sees
// it: each file, delete entry and hook, and the file set as a whole. plan
// and update call the same, so they refuse the same paths with the same
// error.
func (p *Plan) Validate() error {
	if p == nil || p.Version == "" {
		return &PathError{Where: "plan", Reason: "plan without a version"}
	}
	paths := make([]string, len(p.Files))
	files := make(map[string]bool, len(p.Files))
	for i, f := range p.Files {
		if err := CheckAppPath(f.Path, "plan files"); err != nil {
			return err
		}
		paths[i] = f.Path
		files[f.Path] = true
	}
	if err := CheckFiles(paths, "plan files"); err != nil {
		return err
	}
	for _, d := range p.Deletes {
		if err := CheckAppPath(d, "delete list"); err != nil {
			return err
		}
		if files[d] {
			return &PathError{Path: d, Where: "delete list", Reason: "is also a file of this version"}
		}
	}
	for _, h := range []struct{ name, path string }{{"post_update", p.Hooks.PostUpdate}, {"rollback", p.Hooks.Rollback}} {
		if h.path != "" && !files[h.path] {
			return &PathError{Path: h.path, Where: h.name + " hook", Reason: "is not a file of this version (the board runs the hook from the version's files; if --allow/--ignore left it out, let it in)"}
		}
	}
	return nil
}

// Rules is the allow/ignore filter of the seed: each rule is an exact file
// or a directory prefix ("lib/" and "lib" both mean the lib directory);
// ignore beats allow; an empty allow list allows everything.
type Rules struct {
	Allow  []string
	Ignore []string
}

// Validate checks that every rule is a well-formed relative path.
func (r Rules) Validate() error {
	for _, list := range []struct {
		name  string
		rules []string
	}{{"allow rule", r.Allow}, {"ignore rule", r.Ignore}} {
		for _, rule := range list.rules {
			if err := CheckPath(strings.TrimSuffix(rule, "/"), list.name); err != nil {
				return err
			}
		}
	}
	return nil
}

func ruleMatches(rule, p string) bool {
	rule = strings.TrimSuffix(rule, "/")
	return p == rule || strings.HasPrefix(p, rule+"/")
}

// Allowed reports whether path p passes the rules.
func (r Rules) Allowed(p string) bool {
	for _, rule := range r.Ignore {
		if ruleMatches(rule, p) {
			return false
		}
	}
	if len(r.Allow) == 0 {
		return true
	}
	for _, rule := range r.Allow {
		if ruleMatches(rule, p) {
			return true
		}
	}
	return false
}
