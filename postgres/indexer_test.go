package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/internal/pgtest"
)

// TestIndexFollowsAnotherInstance: an instance's search index follows
// the change log, so a listing written through another instance's store
// is found after following, and a withdrawn one is gone.
func TestIndexFollowsAnotherInstance(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	mine, theirs := mustOpenURL(t, url), mustOpenURL(t, url)
	put := func(s *directory.Service) {
		t.Helper()
		if err := theirs.InTx(ctx, func(tx *Tx) error {
			_, _, err := tx.PutService(ctx, s)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	put(&directory.Service{ID: "choir", Name: "Community choir", Status: directory.StatusActive})
	ix, _, err := indexer.Open(ctx, t.TempDir(), mine)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	search := func(text string) []string {
		t.Helper()
		res, err := ix.Search(ctx, directory.Query{Text: text, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	if got := search("choir"); !slices.Equal(got, []string{"choir"}) {
		t.Fatalf("built index finds %v for choir", got)
	}

	followCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ix.Follow(followCtx, 20*time.Millisecond, func(err error) { t.Error(err) })
	}()
	defer func() { stop(); <-done }()

	knit := &directory.Service{ID: "knit", Name: "Knit and natter", Status: directory.StatusActive}
	put(knit)
	seenWithin5s(t, func() bool { return slices.Equal(search("natter"), []string{"knit"}) })
	knit.Status = directory.StatusInactive
	put(knit)
	seenWithin5s(t, func() bool { return len(search("natter")) == 0 })
	last, err := theirs.LastChangeSeq(ctx)
	if err != nil || ix.Applied() != last {
		t.Errorf("Applied() = %d, want the log's last sequence %d (%v)", ix.Applied(), last, err)
	}
}

// seenWithin5s polls cond for up to five seconds.
func seenWithin5s(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("not seen within five seconds")
}
