package main

import (
	"strings"
	"testing"
)

// TestTileURLFlag: --tile-url is none, empty or an http(s) template with
// {z}, {x} and {y}; anything else stops serve with a usage error that
// says what to give.
func TestTileURLFlag(t *testing.T) {
	for flag, want := range map[string]string{
		"":                                     "",
		"none":                                 "",
		defaultTileURL:                         defaultTileURL,
		"http://127.0.0.1:9/t/{z}/{x}/{y}.png": "http://127.0.0.1:9/t/{z}/{x}/{y}.png",
	} {
		if got, err := tileTemplate(flag); err != nil || got != want {
			t.Errorf("tileTemplate(%q) = %q, %v; want %q", flag, got, err, want)
		}
	}
	for _, bad := range []string{"tile.openstreetmap.org/{z}/{x}/{y}.png", "ftp://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/{z}/{x}.png", "off"} {
		_, stderr, err := runCmd(t, "serve", "--data", t.TempDir(), "--tile-url", bad)
		if exitCode(err) != 2 || !strings.Contains(stderr+errString(err), "--tile-url") {
			t.Errorf("--tile-url %q: exit %d (%v), stderr %q; want 2 naming --tile-url", bad, exitCode(err), err, stderr)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
