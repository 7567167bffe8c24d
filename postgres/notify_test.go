package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/pgtest"
)

// TestWatchChangesWakesOnCommit has one store watch for changes while
// another (a second instance on the same database) writes: the watcher is
// woken once when it starts listening, not while the writing transaction
// is open, and within moments of its commit.
func TestWatchChangesWakesOnCommit(t *testing.T) {
	url := pgtest.URL(t)
	reader, writer := mustOpenURL(t, url), mustOpenURL(t, url)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()

	woken := make(chan time.Time, 16)
	watching := make(chan struct{})
	go func() {
		reader.WatchChanges(ctx, func() { woken <- time.Now() }, 50*time.Millisecond, func(err error) { t.Error(err) })
		close(watching)
	}()
	defer func() { stop(); <-watching }()

	select {
	case <-woken: // catching up on starting to listen
	case <-time.After(5 * time.Second):
		t.Fatal("not woken on starting to listen")
	}
	var committed time.Time
	err := writer.InTx(ctx, func(tx *Tx) error {
		if err := tx.logChange(ctx, "svc-1", "upsert"); err != nil {
			return err
		}
		if err := tx.logChange(ctx, "svc-2", "upsert"); err != nil {
			return err
		}
		select {
		case <-woken:
			t.Error("woken before the change was committed")
		case <-time.After(300 * time.Millisecond):
		}
		committed = time.Now()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case at := <-woken:
		t.Logf("woken %v after the commit", at.Sub(committed).Round(time.Microsecond))
	case <-time.After(2 * time.Second):
		t.Fatal("not woken within 2s of a commit")
	}
	// One transaction, one wake, however many changes it made.
	select {
	case <-woken:
		t.Error("woken twice for one transaction")
	case <-time.After(200 * time.Millisecond):
	}
}
