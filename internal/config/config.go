// Package config loads ota_config.{json,yaml,yml,toml} into one validated
// Config. The three formats are decoded into a generic map first and then
// checked against one field table, so every format gets the same strict
// rules and the same error messages.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/otapush/otapush/internal/manifest"
)

// DefaultFile is read from the working directory when --config is not given.
const DefaultFile = "ota_config.json"

// Config is the validated configuration. Zero values mean "not set" for
// strings; Set records which keys the file gave, so flags can override
// only what the user did not choose explicitly on the command line.
type Config struct {
	Owner             string
	Repo              string
	Channel           string // "stable" or "developer"
	Branch            string
	Tag               string
	Token             string
	APIURL            string
	Allow             []string
	Ignore            []string
	Chunk             int
	StageDir          string
	BackupDir         string
	ConnectTimeoutSec int
	HTTPTimeoutSec    int
	Retries           int
	BackoffSec        int
	Force             bool
	// KeepPrevious keeps the replaced version on the board at commit, so
	// `otapush rollback` can return to it after it was confirmed.
	KeepPrevious bool
	ResetMode    string // "hard", "soft" or "none"
	Debug        bool
	// Port is the --port default of every command that talks to a board
	// (a path, id:SERIAL, auto, or for update a comma-separated list).
	Port string
	// The trial (docs/agent.md): Confirm is the policy ("uptime", "return",
	// "app", "host"; "auto" is read as uptime), UptimeSec the uptime
	// policy's N, TrialBoots the boots a version gets, TrialDeadlineSec the
	// board's deadline per trial boot (0: none), VerdictTimeoutSec how long
	// the host watches for the verdict. Zero: not set (the defaults).
	Confirm           string
	UptimeSec         int
	TrialBoots        int
	TrialDeadlineSec  int
	VerdictTimeoutSec int
	// HookTimeoutSec is the board's deadline for a bundle hook (the
	// agent's hook_s; 0: not set, the board's default 30); a bundle's
	// manifest may set its own.
	HookTimeoutSec int

	// Path is the file this came from ("" for defaults only).
	Path string
	// Set holds the keys present in the file.
	Set map[string]bool
	// Unused lists keys that are valid for the seed's on-board updater but
	// mean nothing to otapush on the host (ssid, password).
	Unused []string
}

// MaxChunk bounds "chunk", the file bytes sent per exec: the board holds
// a chunk about three times in RAM (base64 text, decoded, inflated), and
// a Pico W has under 200 KB of heap.
const MaxChunk = 32768

// Defaults are the seed's documented defaults.
func Defaults() Config {
	return Config{
		Channel:           "stable",
		Branch:            "main",
		Chunk:             512,
		StageDir:          ".ota_stage",
		BackupDir:         ".ota_backup",
		ConnectTimeoutSec: 20,
		HTTPTimeoutSec:    20,
		Retries:           3,
		BackoffSec:        3,
		ResetMode:         "hard",
		Set:               map[string]bool{},
	}
}

// Error is a configuration problem, naming the file and the key.
type Error struct {
	Path string
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("config %s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("config %s: key %q: %s", e.Path, e.Key, e.Msg)
}

type kind int

const (
	kString kind = iota
	kInt
	kBool
	kList
)

type field struct {
	kind    kind
	allowed []string // for enums
	min     int      // for ints
	max     int      // for ints; 0: no upper bound
	set     func(c *Config, v any)
	unused  bool
}

func fields() map[string]field {
	str := func(f func(c *Config) *string) func(*Config, any) {
		return func(c *Config, v any) { *f(c) = v.(string) }
	}
	num := func(f func(c *Config) *int) func(*Config, any) {
		return func(c *Config, v any) { *f(c) = v.(int) }
	}
	boolean := func(f func(c *Config) *bool) func(*Config, any) {
		return func(c *Config, v any) { *f(c) = v.(bool) }
	}
	list := func(f func(c *Config) *[]string) func(*Config, any) {
		return func(c *Config, v any) { *f(c) = v.([]string) }
	}
	return map[string]field{
		"owner":               {kind: kString, set: str(func(c *Config) *string { return &c.Owner })},
		"repo":                {kind: kString, set: str(func(c *Config) *string { return &c.Repo })},
		"channel":             {kind: kString, allowed: []string{"stable", "developer"}, set: str(func(c *Config) *string { return &c.Channel })},
		"branch":              {kind: kString, set: str(func(c *Config) *string { return &c.Branch })},
		"tag":                 {kind: kString, set: str(func(c *Config) *string { return &c.Tag })},
		"token":               {kind: kString, set: str(func(c *Config) *string { return &c.Token })},
		"api_url":             {kind: kString, set: str(func(c *Config) *string { return &c.APIURL })},
		"allow":               {kind: kList, set: list(func(c *Config) *[]string { return &c.Allow })},
		"ignore":              {kind: kList, set: list(func(c *Config) *[]string { return &c.Ignore })},
		"chunk":               {kind: kInt, min: 1, max: MaxChunk, set: num(func(c *Config) *int { return &c.Chunk })},
		"stage_dir":           {kind: kString, set: str(func(c *Config) *string { return &c.StageDir })},
		"backup_dir":          {kind: kString, set: str(func(c *Config) *string { return &c.BackupDir })},
		"connect_timeout_sec": {kind: kInt, min: 1, set: num(func(c *Config) *int { return &c.ConnectTimeoutSec })},
		"http_timeout_sec":    {kind: kInt, min: 1, set: num(func(c *Config) *int { return &c.HTTPTimeoutSec })},
		"retries":             {kind: kInt, min: 0, set: num(func(c *Config) *int { return &c.Retries })},
		"backoff_sec":         {kind: kInt, min: 0, set: num(func(c *Config) *int { return &c.BackoffSec })},
		"force":               {kind: kBool, set: boolean(func(c *Config) *bool { return &c.Force })},
		"reset_mode":          {kind: kString, allowed: []string{"hard", "soft", "none"}, set: str(func(c *Config) *string { return &c.ResetMode })},
		"debug":               {kind: kBool, set: boolean(func(c *Config) *bool { return &c.Debug })},
		"port":                {kind: kString, set: str(func(c *Config) *string { return &c.Port })},
		"keep_previous":       {kind: kBool, set: boolean(func(c *Config) *bool { return &c.KeepPrevious })},
		"confirm":             {kind: kString, allowed: []string{"uptime", "return", "app", "host", "auto"}, set: str(func(c *Config) *string { return &c.Confirm })},
		"uptime_sec":          {kind: kInt, min: 1, max: MaxTrialSec, set: num(func(c *Config) *int { return &c.UptimeSec })},
		"trial_boots":         {kind: kInt, min: 1, max: MaxTrialBoots, set: num(func(c *Config) *int { return &c.TrialBoots })},
		"trial_deadline_sec":  {kind: kInt, min: 0, max: MaxTrialSec, set: num(func(c *Config) *int { return &c.TrialDeadlineSec })},
		"verdict_timeout_sec": {kind: kInt, min: 1, set: num(func(c *Config) *int { return &c.VerdictTimeoutSec })},
		"hook_timeout_sec":    {kind: kInt, min: 1, max: MaxHookSec, set: num(func(c *Config) *int { return &c.HookTimeoutSec })},
		"ssid":                {kind: kString, unused: true},
		"password":            {kind: kString, unused: true},
	}
}

// KnownKeys lists every key a config file may contain.
func KnownKeys() []string {
	var keys []string
	for k := range fields() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Load reads path, or DefaultFile in the working directory when path is
// empty (a missing default file is not an error: defaults are returned).
func Load(path string) (Config, error) {
	if path == "" {
		if _, err := os.Stat(DefaultFile); errors.Is(err, os.ErrNotExist) {
			return Defaults(), nil
		}
		path = DefaultFile
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, &Error{Path: path, Msg: fmt.Sprintf("cannot read it: %v", errors.Unwrap(err))}
	}
	return Parse(path, data)
}

// Parse decodes data in the format given by path's extension.
func Parse(path string, data []byte) (Config, error) {
	raw, err := decode(path, data)
	if err != nil {
		return Config{}, err
	}
	c := Defaults()
	c.Path = path
	known := fields()
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := known[k]
		if !ok {
			msg := "unknown key; "
			if near := nearestKey(k); near != "" {
				msg += fmt.Sprintf("did you mean %q? ", near)
			}
			return Config{}, &Error{Path: path, Key: k, Msg: msg + "allowed keys are " + strings.Join(KnownKeys(), ", ")}
		}
		v, err := convert(f, raw[k])
		if err != nil {
			return Config{}, &Error{Path: path, Key: k, Msg: err.Error()}
		}
		c.Set[k] = true
		if f.unused {
			c.Unused = append(c.Unused, k)
			continue
		}
		f.set(&c, v)
	}
	// A token copied with its newline or padding would be sent as such,
	// and redaction looks for the exact string: keep only the token.
	c.Token = strings.TrimSpace(c.Token)
	if err := c.Validate(); err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.Path = path
		}
		return Config{}, err
	}
	return c, nil
}

// Validate checks cross-field rules; it also runs after flags override
// values, so the same messages apply to both.
func (c *Config) Validate() error {
	known := fields()
	for _, k := range []string{"channel", "reset_mode"} {
		v := c.Channel
		if k == "reset_mode" {
			v = c.ResetMode
		}
		if !contains(known[k].allowed, v) {
			return &Error{Path: c.Path, Key: k, Msg: fmt.Sprintf("%q is not allowed; use one of %s", v, strings.Join(known[k].allowed, ", "))}
		}
	}
	if err := CheckAgentDirs(c.StageDir, c.BackupDir); err != nil {
		err.Path = c.Path
		return err
	}
	for key, rules := range map[string][]string{"allow": c.Allow, "ignore": c.Ignore} {
		for _, r := range rules {
			if err := manifest.CheckPath(strings.TrimSuffix(r, "/"), key); err != nil {
				return &Error{Path: c.Path, Key: key, Msg: err.Error()}
			}
		}
	}
	return nil
}

// The agent's bounds on the trial settings (firmware/ota_agent.py _cfgerr):
// a hundred boots or a day of uptime is already far past any real trial.
const (
	MaxTrialBoots = 100
	MaxTrialSec   = 86400
	// MaxHookSec bounds hook_timeout_sec (the agent's hook_s): a hook is
	// a step of the boot, and the board is unreachable while it runs.
	MaxHookSec = 3600
)

// AgentReserved are the agent's own names in /.ota (OWN in
// firmware/ota_agent.py): a stage or backup folder named like one would
// shadow the journal or be removed with it.
var AgentReserved = []string{"state.json", "plan.json", "last.json", "config.json", "prev", "prev.old",
	"ota_agent.py.new", "ota_agent.mpy.new", "boot.py.new", "main.py.new"}

// CheckAgentDirs checks stage_dir and backup_dir, the folders the agent
// keeps inside /.ota: each one plain name (not empty, at most 64 bytes, no
// slash, backslash, space or control character, not . or ..), not one of
// the agent's own names nor ending in .tmp or .new (its temp files), and
// distinct (a backup in the stage would make a rollback restore nothing).
// The agent checks the same again on the board.
func CheckAgentDirs(stage, backup string) *Error {
	for _, kv := range [][2]string{{"stage_dir", stage}, {"backup_dir", backup}} {
		k, v := kv[0], kv[1]
		bad := v == "" || len(v) > 64 || v == "." || v == ".." || contains(AgentReserved, v) ||
			strings.HasSuffix(v, ".tmp") || strings.HasSuffix(v, ".new") ||
			strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r == '/' || r == '\\' || r == 0x7f })
		if bad {
			return &Error{Key: k, Msg: fmt.Sprintf("%q is not allowed; use one plain folder name inside /.ota "+
				"(not empty, at most 64 bytes, no slash, backslash or space, not . or .., not ending in .tmp or .new, "+
				"not one of the agent's own %s), e.g. the default %q", v, strings.Join(AgentReserved, ", "),
				map[string]string{"stage_dir": ".ota_stage", "backup_dir": ".ota_backup"}[k])}
		}
	}
	if stage == backup {
		return &Error{Key: "backup_dir", Msg: fmt.Sprintf("%q is also stage_dir; the two must differ "+
			"(a rollback restores the old files from backup_dir)", backup)}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func decode(path string, data []byte) (map[string]any, error) {
	var raw map[string]any
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			return nil, &Error{Path: path, Msg: "not valid JSON: " + jsonWhere(data, err)}
		}
		if dec.More() {
			line, col := lineCol(data, dec.InputOffset())
			return nil, &Error{Path: path, Msg: fmt.Sprintf("not valid JSON: line %d, column %d: trailing data after the object", line, col)}
		}
	case ".yaml", ".yml":
		if err := yaml.Unmarshal(data, &raw); err != nil {
			return nil, &Error{Path: path, Msg: "not valid YAML: " + yamlLine(err)}
		}
	case ".toml":
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return nil, &Error{Path: path, Msg: "not valid TOML: " + err.Error()}
		}
	default:
		return nil, &Error{Path: path, Msg: fmt.Sprintf("unknown extension %q; use .json, .yaml, .yml or .toml", ext)}
	}
	if raw == nil {
		return nil, &Error{Path: path, Msg: "empty file; expected a mapping of keys to values"}
	}
	return raw, nil
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case []any:
		return "a list"
	case map[string]any:
		return "a table/object"
	case json.Number, int, int64, uint64, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

func convert(f field, v any) (any, error) {
	switch f.kind {
	case kString:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("must be a string, got %s", typeName(v))
		}
		if f.allowed != nil && !contains(f.allowed, s) {
			return nil, fmt.Errorf("%q is not allowed; use one of %s", s, strings.Join(f.allowed, ", "))
		}
		return s, nil
	case kBool:
		b, ok := v.(bool)
		if !ok {
			if s, isStr := v.(string); isStr {
				return nil, fmt.Errorf("must be true or false without quotes, got the string %q", s)
			}
			return nil, fmt.Errorf("must be true or false, got %s", typeName(v))
		}
		return b, nil
	case kInt:
		n, err := toInt(v)
		if err != nil {
			return nil, err
		}
		if n < f.min {
			return nil, fmt.Errorf("must be at least %d, got %d", f.min, n)
		}
		if f.max > 0 && n > f.max {
			return nil, fmt.Errorf("must be at most %d, got %d", f.max, n)
		}
		return n, nil
	case kList:
		items, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("must be a list of strings, got %s", typeName(v))
		}
		out := make([]string, 0, len(items))
		for i, it := range items {
			s, ok := it.(string)
			if !ok {
				return nil, fmt.Errorf("item %d must be a string, got %s", i, typeName(it))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, errors.New("internal: unknown field kind")
}

func toInt(v any) (int, error) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return checkRange(i)
		}
		x, err := n.Float64()
		if err != nil {
			return 0, fmt.Errorf("must be a whole number, got %s", n)
		}
		f = x
	case int:
		return n, nil
	case int64:
		return checkRange(n)
	case uint64:
		if n > math.MaxInt32 {
			return 0, fmt.Errorf("too large: %d", n)
		}
		return int(n), nil
	case float64:
		f = n
	case string:
		return 0, fmt.Errorf("must be a number without quotes, got the string %q", n)
	default:
		return 0, fmt.Errorf("must be a whole number, got %s", typeName(v))
	}
	if f != math.Trunc(f) {
		return 0, fmt.Errorf("must be a whole number, got %v", f)
	}
	return checkRange(int64(f))
}

func checkRange(i int64) (int, error) {
	if i > math.MaxInt32 || i < math.MinInt32 {
		return 0, fmt.Errorf("out of range: %d", i)
	}
	return int(i), nil
}

// nearestKey is the known key a misspelt one most likely meant ("repoo"
// -> "repo"), or "" when none is close.
func nearestKey(k string) string {
	best, bestD := "", 3 // at most two edits away
	for _, known := range KnownKeys() {
		if d := editDistance(strings.ToLower(k), known); d < bestD {
			best, bestD = known, d
		}
	}
	if bestD > len(k)/2 {
		return "" // "a" is one edit from nothing in particular
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (bytes: the
// keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// jsonWhere is a JSON decoding error with the line and column it is at
// (encoding/json gives a byte offset, or none at all for a file that
// ends too soon).
func jsonWhere(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = max(se.Offset-1, 0) // the offset is past the bad byte
	case errors.As(err, &te):
		off = te.Offset
		if te.Field == "" {
			return fmt.Sprintf("line 1: expected an object of keys to values, got a JSON %s", te.Value)
		}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Sprintf("line %d, column %d: the file ends before the object is closed (a missing } or \")", line, col)
	}
	if off < 0 {
		return err.Error()
	}
	line, col := lineCol(data, off)
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlLine fixes yaml.v3's line in parser errors: it reports the
// 0-based line of the construct that is not closed (an unclosed "[" on
// line 2 is "line 1"), while its scanner errors count from 1.
func yamlLine(err error) string {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return strings.TrimPrefix(err.Error(), "yaml: ")
	}
	n, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "did not find expected") {
		n++
	}
	return fmt.Sprintf("line %d: %s", n, m[2])
}
