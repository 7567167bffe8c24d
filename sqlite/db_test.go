package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

func mustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "test.db"))
}

// mustOpenAt opens the database at path and closes it when the test ends.
func mustOpenAt(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustPut writes services in one transaction and returns, for each, whether
// it changed.
func mustPut(tb testing.TB, db *sqlite.DB, services ...*directory.Service) []bool {
	tb.Helper()
	changed := make([]bool, len(services))
	err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		for i, s := range services {
			_, ch, err := tx.PutService(context.Background(), s)
			if err != nil {
				return err
			}
			changed[i] = ch
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("put: %v", err)
	}
	return changed
}

// mustChanges returns the whole change log.
func mustChanges(tb testing.TB, db *sqlite.DB) []directory.Change {
	tb.Helper()
	ch, err := db.Changes(context.Background(), 0, 1<<30)
	if err != nil {
		tb.Fatal(err)
	}
	return ch
}

// mustMaxSeq returns the last change-log sequence number, or 0.
func mustMaxSeq(tb testing.TB, db *sqlite.DB) int64 {
	tb.Helper()
	ch := mustChanges(tb, db)
	if len(ch) == 0 {
		return 0
	}
	return ch[len(ch)-1].Seq
}

// tableDump is every table's rows in rowid order, one line a row, each
// value with its Go type so that 1 and "1" differ.
type tableDump map[string]string

// mustDumpTables reads every table of db, including SQLite's own
// sqlite_sequence, through the read pool.
func mustDumpTables(tb testing.TB, db *sqlite.DB) tableDump {
	tb.Helper()
	ctx := context.Background()
	_, read := db.Pools()
	rows, err := read.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		tb.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		tb.Fatal(err)
	}
	dump := tableDump{}
	for _, table := range tables {
		// Table names come from sqlite_master, not from input.
		rows, err := read.QueryContext(ctx, `SELECT * FROM "`+table+`" ORDER BY rowid`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			tb.Fatal(err)
		}
		var b strings.Builder
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			for i, v := range vals {
				fmt.Fprintf(&b, "%s=%T:%v\t", cols[i], v, v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
		dump[table] = b.String()
	}
	return dump
}

// checksums returns each table's row count and SHA-256 digest.
func (d tableDump) checksums() map[string]string {
	out := map[string]string{}
	for table, rows := range d {
		sum := sha256.Sum256([]byte(rows))
		out[table] = fmt.Sprintf("%d rows, sha256 %s", strings.Count(rows, "\n"), hex.EncodeToString(sum[:8]))
	}
	return out
}

// diffTables describes how two dumps differ, table by table.
func diffTables(before, after tableDump) []string {
	var out []string
	cb, ca := before.checksums(), after.checksums()
	var names []string
	for name := range cb {
		names = append(names, name)
	}
	for name := range ca {
		if _, ok := cb[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if cb[name] == ca[name] {
			continue
		}
		out = append(out, fmt.Sprintf("table %s: %s before, %s after", name, cb[name], ca[name]))
		bl, al := strings.Split(before[name], "\n"), strings.Split(after[name], "\n")
		for i := 0; i < max(len(bl), len(al)); i++ {
			var b, a string
			if i < len(bl) {
				b = bl[i]
			}
			if i < len(al) {
				a = al[i]
			}
			if a != b {
				out = append(out, fmt.Sprintf("  first differing row %d:\n    before %s\n    after  %s", i, b, a))
				break
			}
		}
	}
	return out
}

func TestOpenRunsMigrations(t *testing.T) {
	db := mustOpenDB(t)
	dump := mustDumpTables(t, db)
	for _, table := range []string{"schema_migrations", "organization", "location", "service", "service_at_location", "taxonomy_term", "service_term", "change_log"} {
		if _, ok := dump[table]; !ok {
			t.Errorf("table %s missing after Open; have %v", table, dump.checksums())
		}
	}
	if !strings.Contains(dump["schema_migrations"], "version=string:0001_directory\t") {
		t.Errorf("schema_migrations = %q, want 0001_directory recorded", dump["schema_migrations"])
	}
	if st, err := db.Stats(context.Background()); err != nil || st != (sqlite.Stats{}) {
		t.Errorf("fresh Stats = %+v, %v; want zeros", st, err)
	}
}

// Reopening a file runs no migration twice and keeps the data.
func TestOpenTwiceIsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkway.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, fullService("svc-1"))
	migrations := mustDumpTables(t, db)["schema_migrations"]
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		db := mustOpenAt(t, path)
		if got := mustDumpTables(t, db)["schema_migrations"]; got != migrations {
			t.Errorf("open %d: schema_migrations = %q, want %q", i+2, got, migrations)
		}
		if _, err := db.Service(ctx, "svc-1"); err != nil {
			t.Errorf("open %d: Service: %v", i+2, err)
		}
	}
	// A second handle on a file that is open already (the import command
	// while the server runs) opens too.
	mustOpenAt(t, path)
}

func TestOpenUnusablePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "test.db")
	if db, err := sqlite.Open(path); err == nil {
		db.Close()
		t.Fatal("Open in a missing directory succeeded")
	}
}

// Every pooled connection, write and read, gets the DSN's pragmas: a
// one-off Exec would set them on one connection only.
func TestConnectionPragmas(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	write, read := db.Pools()
	var conns []*sql.Conn
	w, err := write.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conns = append(conns, w)
	for range 3 { // held at once, so the read pool must open three
		c, err := read.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	want := []struct {
		pragma string
		value  string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
		{"synchronous", "1"}, // NORMAL: safe with WAL, no fsync per commit
	}
	for i, c := range conns {
		name := "write"
		if i > 0 {
			name = fmt.Sprintf("read %d", i)
		}
		for _, p := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatalf("%s: PRAGMA %s: %v", name, p.pragma, err)
			}
			if got != p.value {
				t.Errorf("%s connection: PRAGMA %s = %s, want %s", name, p.pragma, got, p.value)
			}
		}
	}

	// Foreign keys are enforced, not just reported.
	if _, err := conns[0].ExecContext(ctx, `INSERT INTO service_term (service_id, term_id, position) VALUES ('nobody', 'nothing', 0)`); err == nil {
		t.Error("write connection accepted a service_term row pointing nowhere")
	}
	// The read pool cannot write.
	if _, err := conns[1].ExecContext(ctx, `INSERT INTO taxonomy_term (id, name) VALUES ('t', 'T')`); err == nil {
		t.Error("read connection accepted a write")
	}
}

// seedShared writes two services that share an organisation and a venue,
// with terms, and returns them.
func seedShared(tb testing.TB, db *sqlite.DB) (a, b *directory.Service) {
	tb.Helper()
	a, b = fullService("svc-a"), fullService("svc-b")
	b.Name = "Knit and natter"
	b.Locations = b.Locations[:1]
	mustPut(tb, db, a, b)
	return a, b
}

// A transaction that fails leaves the database exactly as it was: counts,
// change log and every row of every table.
func TestInTxFailureChangesNothing(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		fn      func(ctx context.Context, cancel context.CancelFunc, tx *sqlite.Tx, a *directory.Service) error
		wantErr func(error) bool
	}{
		{
			name: "fn returns an error after writes",
			fn: func(ctx context.Context, cancel context.CancelFunc, tx *sqlite.Tx, a *directory.Service) error {
				c := fullService("svc-c")
				c.Organization.Name = "Renamed for everyone"
				c.Locations[0].Location.Name = "Renamed venue"
				a.Description = "changed"
				for _, s := range []*directory.Service{c, a, fullService("svc-d")} {
					if _, _, err := tx.PutService(ctx, s); err != nil {
						return err
					}
				}
				if err := tx.PutTerms(ctx, []directory.Term{{ID: "new-term", Name: "New"}, {ID: "walking", Name: "Renamed term"}}); err != nil {
					return err
				}
				return boom
			},
			wantErr: func(err error) bool { return errors.Is(err, boom) },
		},
		{
			name: "a write fails half way",
			fn: func(ctx context.Context, cancel context.CancelFunc, tx *sqlite.Tx, a *directory.Service) error {
				if _, _, err := tx.PutService(ctx, fullService("svc-c")); err != nil {
					return err
				}
				// Reuses svc-a's service-at-location id.
				d := fullService("svc-d")
				d.Locations[0].ID = a.Locations[0].ID
				_, _, err := tx.PutService(ctx, d)
				return err
			},
			wantErr: func(err error) bool { return directory.KindOf(err) == directory.Conflict },
		},
		{
			name: "context cancelled half way",
			fn: func(ctx context.Context, cancel context.CancelFunc, tx *sqlite.Tx, a *directory.Service) error {
				if _, _, err := tx.PutService(ctx, fullService("svc-c")); err != nil {
					return err
				}
				cancel()
				a.Description = "changed"
				_, _, err := tx.PutService(ctx, a)
				return err
			},
			// database/sql rolls back a cancelled transaction on its own
			// goroutine, so the write fails with context.Canceled or, when
			// that rollback wins, "statement is closed".
			wantErr: func(err error) bool { return err != nil },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := mustOpenDB(t)
			a, _ := seedShared(t, db)
			stats, err := db.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			seq := mustMaxSeq(t, db)
			before := mustDumpTables(t, db)

			txCtx, cancel := context.WithCancel(ctx)
			defer cancel()
			err = db.InTx(txCtx, func(tx *sqlite.Tx) error { return tt.fn(txCtx, cancel, tx, a) })
			if !tt.wantErr(err) {
				t.Fatalf("InTx = %v, not the error fn failed with", err)
			}

			if got, err := db.Stats(ctx); err != nil || got != stats {
				t.Errorf("Stats = %+v (%v), want %+v", got, err, stats)
			}
			if got := mustMaxSeq(t, db); got != seq {
				t.Errorf("change log max seq = %d, want %d", got, seq)
			}
			for _, d := range diffTables(before, mustDumpTables(t, db)) {
				t.Error(d)
			}
			if _, err := db.Service(ctx, "svc-c"); directory.KindOf(err) != directory.NotFound {
				t.Errorf("Service(svc-c) = %v, want not found", err)
			}
			// The store is usable afterwards and the log goes on from where
			// it was.
			mustPut(t, db, fullService("svc-e"))
			if ch := mustChanges(t, db); ch[len(ch)-1].Seq <= seq || ch[len(ch)-1].ServiceID != "svc-e" {
				t.Errorf("next change = %+v, want svc-e after seq %d", ch[len(ch)-1], seq)
			}
		})
	}
}

// A panic inside fn must not keep the only write connection: the next
// transaction would wait for it for ever.
func TestInTxPanicReleasesWriter(t *testing.T) {
	db := mustOpenDB(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("panic did not propagate")
			}
		}()
		db.InTx(context.Background(), func(tx *sqlite.Tx) error {
			if _, _, err := tx.PutService(context.Background(), fullService("svc-p")); err != nil {
				return err
			}
			panic("handler bug")
		})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return nil }); err != nil {
		t.Fatalf("InTx after a panic: %v", err)
	}
	if _, err := db.Service(ctx, "svc-p"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Service(svc-p) = %v, want not found: the panicking transaction was kept", err)
	}
}
