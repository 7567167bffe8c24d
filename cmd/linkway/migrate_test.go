package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/internal/tablecopy"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/sqlite"
)

func TestMain(m *testing.M) {
	// The benchmark's load starts this program as `linkway serve`; under
	// go test this program is the test binary, which then runs main.
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	pgtest.Main(m)
}

// demoFolder is a data folder as serve leaves it on first start: the
// demo directory and accounts, plus a disabled user and a declined
// contact (flags SQLite keeps as 1) and a person with two contacts (whose
// count the contacts' trigger must not add again on PostgreSQL).
func demoFolder(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	a, err := openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.loadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.createDemoAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	db := a.db.(*sqlite.DB)
	u, _, err := db.UserByEmail(ctx, "admin@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		p := &casework.Person{TeamID: demoTeams[0].ID, Name: "Ada", Status: casework.StatusNew}
		if err := tx.CreatePerson(ctx, p); err != nil {
			return err
		}
		for i, declined := range []bool{false, true} {
			c := &casework.Contact{PersonID: p.ID, Date: time.Date(2026, 3, 2+i, 0, 0, 0, 0, time.UTC), Kind: casework.ContactPhone, Minutes: 10, By: u.ID, Declined: declined}
			if err := tx.RecordContact(ctx, c, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMigrateStore copies a demo data folder into PostgreSQL: every
// table arrives with the same rows, ids continue after the copied ones,
// and a second run refuses the now filled database.
func TestMigrateStore(t *testing.T) {
	dir := demoFolder(t)
	url := pgtest.URL(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"migrate-store", "--data", dir, "--to", url}, noEnv, nil, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s%s", err, errOut.String(), out.String())
	}
	t.Log(out.String())
	for _, tb := range tablecopy.Tables {
		line := regexp.MustCompile(`(?m)^` + tb.Name + `\s+(\d+)\s+[0-9a-f]{16}\s+same$`)
		if !line.MatchString(out.String()) {
			t.Errorf("no matching line for %s in:\n%s", tb.Name, out.String())
		}
	}
	for _, want := range []string{"service ", "users ", "people ", "contacts ", "change_log "} {
		if m := regexp.MustCompile(`(?m)^` + want + `\s+0\s`).FindString(out.String()); m != "" {
			t.Errorf("%s: nothing copied", want)
		}
	}
	if !strings.Contains(errOut.String(), "copied service: ") {
		t.Errorf("no progress on stderr:\n%s", errOut.String())
	}

	// A new change gets the number after the copied ones.
	pg, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	last, err := lite.LastChangeSeq(ctx)
	if err != nil || last == 0 {
		t.Fatalf("SQLite's last change %d, %v", last, err)
	}
	err = pg.Load(ctx, func(l *postgres.Loader) error {
		cols := []tablecopy.Column{{Name: "service_id", Type: "text"}, {Name: "op", Type: "text"}, {Name: "changed_at", Type: "timestamp with time zone"}}
		_, err := l.Copy(ctx, "change_log", cols, oneRow("s-new", "upsert", time.Now()))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := pg.LastChangeSeq(ctx); err != nil || got != last+1 {
		t.Fatalf("the next change on PostgreSQL is %d, %v; want %d", got, err, last+1)
	}

	// Again: the target is no longer empty.
	errOut.Reset()
	err = run(ctx, []string{"migrate-store", "--data", dir, "--to", url}, noEnv, nil, &out, &errOut)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("second run: %v (exit %d); want a refusal of a database that is not empty", err, exitCode(err))
	}
}

// oneRow is a Copy source of one row.
func oneRow(values ...any) func() ([]any, error) {
	done := false
	return func() ([]any, error) {
		if done {
			return nil, nil
		}
		done = true
		return values, nil
	}
}
