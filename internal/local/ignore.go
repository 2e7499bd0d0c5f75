package local

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
)

// ignoreRule is one line of an ignore file in gitignore syntax
// (gitignore(5)): the same rules git applies, so a developer's habits
// carry over to .otapushignore, and a .gitignore can be read without git.
type ignoreRule struct {
	base    string // folder of the ignore file, slash path ("" = the root)
	negate  bool   // "!pattern": brings back what an earlier rule left out
	dirOnly bool   // "pattern/": matches folders only
	// anchored patterns (a '/' anywhere but at the end) match the path
	// below base; the others match the last name at any depth.
	anchored bool
	re       *regexp.Regexp
	file     string // the ignore file, slash path from the root, for reasons
	line     int
}

// ignoreSet is the rules of every ignore file met so far, in the order
// git weighs them: a deeper file after a shallower one, and within a file
// the later line after the earlier, so the last rule that matches decides.
type ignoreSet struct {
	rules []ignoreRule
}

// readIgnoreFile parses the ignore file at full, whose folder is base
// (slash path from the root). A file that cannot be read is an error: a
// silently unread .otapushignore would push what it meant to keep out.
func readIgnoreFile(full, base, name string) ([]ignoreRule, error) {
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, err
	}
	return parseIgnore(data, base, name)
}

// parseIgnore parses an ignore file's bytes; base is its folder.
func parseIgnore(data []byte, base, name string) ([]ignoreRule, error) {
	file := name
	if base != "" {
		file = base + "/" + name
	}
	var out []ignoreRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		r, ok, err := parseIgnoreLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %v", file, n, err)
		}
		if !ok {
			continue
		}
		r.base, r.file, r.line = base, file, n
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return out, nil
}

// parseIgnoreLine reads one gitignore line; ok is false for blank lines and
// comments.
func parseIgnoreLine(line string) (r ignoreRule, ok bool, err error) {
	line = strings.TrimSuffix(line, "\r")
	line = trimUnescapedSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return r, false, nil
	}
	if strings.HasPrefix(line, "!") {
		r.negate = true
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") && !strings.HasSuffix(line, `\/`) {
		r.dirOnly = true
		line = strings.TrimSuffix(line, "/")
	}
	if line == "" {
		return r, false, nil
	}
	if strings.Contains(line, "/") {
		r.anchored = true
		line = strings.TrimPrefix(line, "/")
	}
	expr, err := globRegexp(line)
	if err != nil {
		return r, false, err
	}
	r.re, err = regexp.Compile(expr)
	return r, err == nil, err
}

// trimUnescapedSpace drops trailing spaces unless the last is quoted with a
// backslash, as git does.
func trimUnescapedSpace(s string) string {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		if end >= 2 && s[end-2] == '\\' {
			break
		}
		end--
	}
	return s[:end]
}

// globRegexp translates a gitignore glob to an anchored regular
// expression: '*' and '?' never cross a '/', "**" as a whole segment
// crosses any number of folders, [...] is a class, and '\' quotes.
func globRegexp(g string) (string, error) {
	var b strings.Builder
	b.WriteString("^")
	segStart := func(i int) bool { return i == 0 || g[i-1] == '/' }
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case c == '*' && i+1 < len(g) && g[i+1] == '*' && segStart(i) && (i+2 == len(g) || g[i+2] == '/'):
			switch {
			case i+2 == len(g): // "**" or "a/**": everything below
				b.WriteString(".*")
			default: // "**/" or "a/**/": zero or more folders
				b.WriteString("(?:.*/)?")
			}
			i += 2
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			cls, n, ok := globClass(g[i:])
			if !ok {
				b.WriteString(`\[`)
				continue
			}
			b.WriteString(cls)
			i += n - 1
		case c == '\\':
			if i+1 < len(g) {
				i++
				b.WriteString(regexp.QuoteMeta(g[i : i+1]))
			}
		default:
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		}
	}
	b.WriteString("$")
	return b.String(), nil
}

// globClass translates "[...]" at the start of g; n is the length read.
// ok is false when the class never closes (the '[' is then literal).
func globClass(g string) (cls string, n int, ok bool) {
	var b strings.Builder
	b.WriteString("[")
	i := 1
	if i < len(g) && (g[i] == '!' || g[i] == '^') {
		b.WriteString("^/")
		i++
	}
	first := true
	for ; i < len(g); i++ {
		c := g[i]
		if c == ']' && !first {
			b.WriteString("]")
			return b.String(), i + 1, true
		}
		first = false
		switch {
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		case c == '-':
			b.WriteString("-")
		case c == '[' || c == ']' || c == '^':
			b.WriteString(`\` + string(c))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return "", 0, false
}

// add appends a file's rules; deeper files must be added after their
// parents' (the walk does that).
func (s *ignoreSet) add(rules []ignoreRule) { s.rules = append(s.rules, rules...) }

// match says whether p (slash path from the root; isDir for folders) is
// left out: ignored is true when the last matching rule leaves it out,
// matched when any rule matched at all (a "!" rule that matched gives
// matched && !ignored). rule names the deciding line.
func (s *ignoreSet) match(p string, isDir bool) (ignored, matched bool, rule string) {
	for i := len(s.rules) - 1; i >= 0; i-- {
		r := &s.rules[i]
		if r.dirOnly && !isDir {
			continue
		}
		rel := p
		if r.base != "" {
			var ok bool
			rel, ok = strings.CutPrefix(p, r.base+"/")
			if !ok {
				continue
			}
		}
		subject := rel
		if !r.anchored {
			subject = path.Base(rel)
		}
		if r.re.MatchString(subject) {
			return !r.negate, true, fmt.Sprintf("%s:%d", r.file, r.line)
		}
	}
	return false, false, ""
}
