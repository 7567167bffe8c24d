package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// mustOpen opens a store on a new empty database.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	return mustOpenURL(tb, pgtest.URL(tb))
}

func mustOpenURL(tb testing.TB, url string) *DB {
	tb.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestMigrateTogether starts several instances on one new database at
// once: the migration lock lets exactly one apply each migration, and
// opening again changes nothing.
func TestMigrateTogether(t *testing.T) {
	url := pgtest.URL(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			db.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	db := mustOpenURL(t, url)
	got, err := db.Migrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names, _ := migrations.ReadDir("migrations")
	if len(got) != len(names) || len(got) == 0 {
		t.Fatalf("applied %v; want the %d embedded migrations once each", got, len(names))
	}
}

// TestChangeLogNeverSkips runs many concurrent writers, each appending
// changes in transactions of varying length, while a follower reads
// "after the last seq I applied" as the search index does. The follower
// must see every committed change exactly once, in sequence order. Without
// the change log's lock, a short transaction commits a larger seq before a
// longer one commits a smaller seq and the follower skips the latter.
func TestChangeLogNeverSkips(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	const writers, perWriter = 8, 40

	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				err := db.InTx(ctx, func(tx *Tx) error {
					if err := tx.logChange(ctx, fmt.Sprintf("w%d-%d", w, i), "upsert"); err != nil {
						return err
					}
					// Hold some transactions open after drawing their number,
					// so later writers would overtake them if they could.
					if (w+i)%3 == 0 {
						time.Sleep(time.Duration(1+(w*i)%4) * time.Millisecond)
					}
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()

	seen := map[string]int{}
	var last int64
	follow := func() {
		for {
			changes, err := db.Changes(ctx, last, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(changes) == 0 {
				return
			}
			for _, c := range changes {
				if c.Seq <= last {
					t.Fatalf("seq %d after %d: out of order", c.Seq, last)
				}
				last = c.Seq
				seen[c.ServiceID]++
			}
		}
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			follow()
		}
	}
	follow()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(seen) != writers*perWriter {
		t.Errorf("the follower saw %d distinct changes; want %d", len(seen), writers*perWriter)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
	if got, err := db.LastChangeSeq(ctx); err != nil || got != last {
		t.Errorf("LastChangeSeq = %d, %v; the follower ended at %d", got, err, last)
	}
}
