package core

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/static"
)

// mustSite builds a Site over a real SQLite file (the accounts, the audit
// log and the sessions) with the real templates. configure, when not
// nil, may change its Config first. The audiences' tests run the whole
// server instead (internal/webtest); these test the core on its own.
func mustSite(tb testing.TB, configure func(*Config)) *Site {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	c := Config{Assets: static.FS, Log: slog.New(slog.DiscardHandler), Accounts: db,
		Sessions: sqlite3store.NewWithCleanupInterval(db.SessionDB(), 0), MaxConcurrentRequests: DefaultMaxConcurrentRequests}
	if configure != nil {
		configure(&c)
	}
	s, err := New(c)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestNewNeedsItsParts(t *testing.T) {
	_, err := New(Config{Assets: static.FS, Log: slog.New(slog.DiscardHandler)})
	if err == nil || !strings.Contains(err.Error(), "Accounts, Sessions") {
		t.Errorf("New without accounts or sessions: %v, want an error naming both", err)
	}
}

type response struct {
	status int
	body   string
	header http.Header
}

func do(tb testing.TB, c *http.Client, method, target string) response {
	tb.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, target, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{resp.StatusCode, string(b), resp.Header}
}
