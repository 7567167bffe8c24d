package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mustServe runs "linkway serve" in-process on a free port with a new data
// folder, and returns its base URL. The server stops when the test ends.
func mustServe(tb testing.TB, args ...string) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan string, 1)
	done := make(chan error, 1)
	var stderr bytes.Buffer
	go func() {
		args := append([]string{"--data", dir, "--addr", "127.0.0.1:0"}, args...)
		done <- runServe(ctx, args, noEnv, &lockedWriter{w: &stderr}, listening)
	}()
	select {
	case addr := <-listening:
		tb.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				tb.Errorf("serve: %v", err)
			}
		})
		return "http://" + addr
	case err := <-done:
		cancel()
		tb.Fatalf("serve stopped before listening: %v\n%s", err, stderr.String())
	case <-time.After(60 * time.Second):
		cancel()
		tb.Fatal("serve did not start within 60s")
	}
	return ""
}

func noEnv(string) string { return "" }

func mustGet(tb testing.TB, url string) (int, string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.String()
}

func TestServeLoadsDemoDirectory(t *testing.T) {
	base := mustServe(t)
	if code, _ := mustGet(t, base+"/healthz"); code != http.StatusOK {
		t.Fatalf("GET /healthz = %d, want 200", code)
	}
	code, body := mustGet(t, base+"/")
	if code != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", code)
	}
	if !strings.Contains(body, "Browse by kind of support") || !strings.Contains(body, "/browse/") {
		t.Errorf("home page lists no kinds of support:\n%s", body)
	}
}

func TestRunUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"frobnicate"}, noEnv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Fatalf("run(frobnicate) = %v, want an unknown command error", err)
	}
}
