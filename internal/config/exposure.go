package config

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Exposure lists the ways the token in c's file can leak: the file is
// tracked by git (it will be pushed with the repository) or readable by
// group or others. Nothing is said for a config without a token.
func Exposure(ctx context.Context, c Config) []string {
	if c.Token == "" || c.Path == "" {
		return nil
	}
	var out []string
	fi, err := os.Stat(c.Path)
	if err != nil {
		return nil
	}
	// Windows has no such mode bits; its ACLs are out of reach here.
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		out = append(out, fmt.Sprintf("%s holds a GitHub token and is readable by other users (mode %04o); run: chmod 600 %s", c.Path, fi.Mode().Perm(), c.Path))
	}
	if tracked(ctx, c.Path) {
		out = append(out, fmt.Sprintf("%s holds a GitHub token and is tracked by git, so it travels with the repository; run: git rm --cached %s, add it to .gitignore, and revoke the token", c.Path, c.Path))
	}
	return out
}

// tracked asks git whether path is in its index. No git, or not a
// repository, means not tracked.
func tracked(ctx context.Context, path string) bool {
	if _, err := exec.LookPath("git"); err != nil {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	cmd := exec.CommandContext(ctx, "git", "-C", filepath.Dir(abs), "ls-files", "--error-unmatch", "--", filepath.Base(abs))
	return cmd.Run() == nil
}
