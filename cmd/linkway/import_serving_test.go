package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveFolder runs "linkway serve" in-process on a free port over the
// data folder dir, and returns its base URL and what it printed.
func serveFolder(tb testing.TB, dir string) (base, stdout string) {
	tb.Helper()
	return mustServeOutput(tb, "--data", dir)
}

// TestImportIntoServedFolder runs `linkway import` into the data folder
// of a running server while a link worker adds people through the API.
// Every write succeeds, and writes keep landing while the import runs:
// when the import held the database's write lock throughout, they waited
// for its end and failed (HTTP 500, "database is locked") once it took
// longer than the busy timeout.
func TestImportIntoServedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	base, stdout := serveFolder(t, dir)
	login := demoLogins(t, stdout)["north.worker@example.org"]
	worker := apiClient(t, base, "north.worker@example.org", login.password)
	feed := mustSynthFeed(t, 3000)

	type write struct {
		done time.Time
		err  error
	}
	var (
		mu     sync.Mutex
		writes []write
		wg     sync.WaitGroup
	)
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			body := fmt.Sprintf(`{"name": "Person %d", "date_of_birth": "1950-03-04", "postcode": "LS6 1AA", "consent": {"hold": true}}`, i)
			resp, err := worker.c.Post(base+"/api/v1/people", "application/json", strings.NewReader(body))
			if err == nil {
				msg, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					err = fmt.Errorf("POST /api/v1/people: %d %s", resp.StatusCode, msg)
				}
			}
			mu.Lock()
			writes = append(writes, write{time.Now(), err})
			mu.Unlock()
		}
	}()

	var out, errOut bytes.Buffer
	start := time.Now()
	err := run(context.Background(), []string{"import", "--data", dir, feed}, noEnv, nil, &out, &errOut)
	end := time.Now()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "imported 3000 services") {
		t.Errorf("import said:\n%s", out.String())
	}
	// The middle half of the import: under one long transaction no write
	// could finish there.
	from, to := start.Add(end.Sub(start)/4), end.Add(-end.Sub(start)/4)
	during := 0
	for _, w := range writes {
		if w.err != nil {
			t.Fatalf("a write during the import failed: %v", w.err)
		}
		if w.done.After(from) && w.done.Before(to) {
			during++
		}
	}
	if during == 0 {
		t.Errorf("none of %d writes finished in the middle of the %s import: it kept them waiting", len(writes), end.Sub(start).Round(time.Millisecond))
	}
}

// TestImportCommandAcceptsByteOrderMark: a file saved with a UTF-8
// byte-order mark, as Windows tools save them, imports.
func TestImportCommandAcceptsByteOrderMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.json")
	feed := "\xEF\xBB\xBF" + `[{"id": "bom-1", "name": "Chair yoga", "status": "active"}]`
	if err := os.WriteFile(path, []byte(feed), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", "--data", filepath.Join(t.TempDir(), "data"), path}, noEnv, nil, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "imported 1 services") {
		t.Errorf("import of a file with a byte-order mark: %v\n%s%s", err, out.String(), errOut.String())
	}
}
