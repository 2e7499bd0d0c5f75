package cli

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMainExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    int
		wantOut string
		wantErr string
	}{
		{"help", []string{"--help"}, ExitOK, "otapush", ""},
		{"exit code topic", []string{"help", "exit-codes"}, ExitOK, "130", ""},
		{"unknown command", []string{"frobnicate"}, ExitUsage, "", "unknown command"},
		{"unknown flag", []string{"--nope"}, ExitUsage, "", "unknown flag"},
		{"version", []string{"--version"}, ExitOK, "otapush version", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := TestStreams()
			got := Main(context.Background(), tt.args, ios)
			if got != tt.want {
				t.Fatalf("exit = %d, want %d; stderr=%q", got, tt.want, errOut)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestExitCodeFor(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{errors.New("x"), ExitGeneric},
		{WithExit(ExitVerify, errors.New("bad hash")), ExitVerify},
		{context.Canceled, ExitInterrupted},
		{&silentError{code: ExitPartial}, ExitPartial},
	}
	for _, tt := range tests {
		if got := exitCodeFor(tt.err); got != tt.want {
			t.Errorf("exitCodeFor(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
