package manifest

import (
	"fmt"
	"strings"
)

// PathError refuses a path that could escape the app root or mean different
// things on the host and the board. It is a verification failure, not a
// usage error: such paths come from a manifest or a tree we do not trust.
type PathError struct {
	Path   string
	Where  string // "manifest files", "delete list", "allow rule", ...
	Reason string
}

func (e *PathError) Error() string {
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
// NUL. These are checked on the raw string, never after cleaning, because
// cleaning is exactly how "a/../../x" would sneak through.
func CheckPath(p, where string) error {
	bad := func(reason string) error { return &PathError{Path: p, Where: where, Reason: reason} }
	switch {
	case p == "":
		return bad("empty path")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
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
