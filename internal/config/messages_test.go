package config

import (
	"strings"
	"testing"
)

// TestErrorsSayWhere: an unknown key suggests the nearest known one; a
// JSON error carries its line and column; a YAML error names the line
// the problem is on (yaml.v3 counts an unclosed "[" from 0).
func TestErrorsSayWhere(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             []string
		not              []string
	}{
		{"repoo", "c.json", `{"repoo":"x"}`, []string{`key "repoo": unknown key; did you mean "repo"?`, "allowed keys are"}, nil},
		{"Owner", "c.yaml", "Owner: x\n", []string{`did you mean "owner"?`}, nil},
		{"reset-mode", "c.toml", "reset-mode = \"none\"\n", []string{`did you mean "reset_mode"?`}, nil},
		{"nothing near", "c.json", `{"colour":"red"}`, []string{"unknown key; allowed keys are"}, []string{"did you mean"}},
		{"json: a missing comma", "c.json", "{\n  \"owner\": \"o\"\n  \"repo\": \"r\"\n}\n", []string{"not valid JSON: line 3, column 3:"}, nil},
		{"json: cut short", "c.json", "{\n  \"owner\": \"o\",\n", []string{"not valid JSON: line 3, column 1: the file ends before the object is closed"}, nil},
		{"json: not an object", "c.json", "[1]\n", []string{"expected an object"}, nil},
		{"json: trailing data", "c.json", "{}\n{}\n", []string{"line 2, column 1: trailing data"}, nil},
		{"yaml: unclosed [ on line 2", "c.yaml", "repo: x\nallow: [a, b\n", []string{"not valid YAML: line 2: did not find expected ',' or ']'"}, []string{"line 1"}},
		{"yaml: unclosed [ on line 3", "c.yaml", "owner: o\nrepo: x\nallow: [a, b\nforce: true\n", []string{"not valid YAML: line 3:"}, nil},
		{"yaml: a scanner error keeps its line", "c.yaml", "a: 1\nb: 2\n  c: 3\n", []string{"not valid YAML: line 3: mapping values"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.body))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("no %q in %v", w, err)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(err.Error(), n) {
					t.Errorf("%q in %v", n, err)
				}
			}
		})
	}
}
