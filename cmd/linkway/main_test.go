package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
	base, _ := mustServeOutput(tb, args...)
	return base
}

// mustServeOutput is mustServe that also returns what serve printed to
// stdout before it was ready.
func mustServeOutput(tb testing.TB, args ...string) (base, stdout string) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan string, 1)
	done := make(chan error, 1)
	var out, stderr bytes.Buffer
	outW := &lockedWriter{w: &out}
	go func() {
		// Tests ask no real tile server for anything; a test that wants
		// tiles gives its own --tile-url, which comes later and wins.
		args := append([]string{"--data", dir, "--addr", "127.0.0.1:0", "--tile-url", "none"}, args...)
		done <- runServe(ctx, args, noEnv, outW, &lockedWriter{w: &stderr}, listening)
	}()
	select {
	case addr := <-listening:
		tb.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				tb.Errorf("serve: %v", err)
			}
		})
		outW.mu.Lock()
		defer outW.mu.Unlock()
		return "http://" + addr, out.String()
	case err := <-done:
		cancel()
		tb.Fatalf("serve stopped before listening: %v\n%s", err, stderr.String())
	case <-time.After(60 * time.Second):
		cancel()
		tb.Fatal("serve did not start within 60s")
	}
	return "", ""
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
	base, stdout := mustServeOutput(t)
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

	logins := demoLogins(t, stdout)
	for _, want := range []string{"admin@example.org admin", "north.worker@example.org linkworker", "south.worker@example.org linkworker", "editor@example.org editor"} {
		email, role, _ := strings.Cut(want, " ")
		if l, ok := logins[email]; !ok || l.role != role || len(l.password) != 16 {
			t.Errorf("demo login %s = %+v, want role %s and a 16-character password", email, l, role)
		}
	}
	// A printed login works.
	w := logins["north.worker@example.org"]
	resp, err := http.Post(base+"/api/v1/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"email": %q, "password": %q}`, "north.worker@example.org", w.password)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct{ User struct{ Role, Team string } }
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("demo login = %d, %v", resp.StatusCode, err)
	}
	if got.User.Role != "linkworker" || got.User.Team != "leeds-north" {
		t.Errorf("demo link worker = %+v, want a link worker in leeds-north", got.User)
	}
}

type demoLogin struct{ password, role string }

// demoLogins reads the demo block serve prints: a header line, then
// "email password role" lines until a blank line or the end.
func demoLogins(tb testing.TB, stdout string) map[string]demoLogin {
	tb.Helper()
	_, block, ok := strings.Cut(stdout, "Demo accounts (for demonstration only — change or remove before real use):\n")
	if !ok {
		tb.Fatalf("serve printed no demo accounts block:\n%s", stdout)
	}
	logins := map[string]demoLogin{}
	for _, line := range strings.Split(block, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || !strings.Contains(f[0], "@") {
			break
		}
		logins[f[0]] = demoLogin{password: f[1], role: f[2]}
	}
	return logins
}

func TestRunUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"frobnicate"}, noEnv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Fatalf("run(frobnicate) = %v, want an unknown command error", err)
	}
}
