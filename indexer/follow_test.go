package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/sqlite"
)

// putMany writes n new listed services in one transaction, then
// withdraws every tenth of them in another, as a big import followed by
// edits would.
func putMany(tb testing.TB, db *sqlite.DB, n int) {
	tb.Helper()
	ctx := context.Background()
	svc := func(i int, st directory.Status) *directory.Service {
		return &directory.Service{ID: fmt.Sprintf("bulk-%05d", i), Name: fmt.Sprintf("Knit and natter %d", i), Status: st}
	}
	for _, st := range []directory.Status{directory.StatusActive, directory.StatusInactive} {
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			for i := range n {
				if st == directory.StatusInactive && i%10 != 0 {
					continue
				}
				if _, _, err := tx.PutService(ctx, svc(i, st)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// TestCatchUpLongBacklog: a backlog of several steps is applied whole
// and in order: the later withdrawal of a service wins over its creation
// in an earlier step.
func TestCatchUpLongBacklog(t *testing.T) {
	ctx := context.Background()
	db := mustStore(t)
	ix, _ := mustOpen(t, t.TempDir(), db)
	before, _ := ix.DocCount()
	const n = 4500 // more than two steps of changes
	putMany(t, db, n)

	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	last, err := db.LastChangeSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Applied() != last {
		t.Errorf("Applied() = %d, want the log's last sequence %d", ix.Applied(), last)
	}
	if docs, _ := ix.DocCount(); docs != before+n-n/10 {
		t.Errorf("DocCount = %d, want %d", docs, before+n-n/10)
	}
	res, err := ix.Search(ctx, directory.Query{Text: "natter", Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	got := ids(res)
	if slices.Contains(got, "bulk-00010") || !slices.Contains(got, "bulk-00011") || !slices.Contains(got, fmt.Sprintf("bulk-%05d", n-1)) {
		t.Errorf("withdrawn bulk-00010 found, or bulk-00011 or the last missing (%d hits)", len(got))
	}
}

// failingSource is the store, except that reading services fails once
// armed.
type failingSource struct {
	*sqlite.DB
	reads, failAt atomic.Int64
}

var errRead = errors.New("disk on fire")

func (f *failingSource) ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error) {
	if n := f.reads.Add(1); n == f.failAt.Load() {
		return nil, errRead
	}
	return f.DB.ServicesByID(ctx, ids)
}

// TestCatchUpStopsAtFailedRead: when reading a step fails, the steps
// before it stay applied, none after it is applied (the read-ahead must
// not skip a step), and the next round carries on from there.
func TestCatchUpStopsAtFailedRead(t *testing.T) {
	ctx := context.Background()
	db := mustStore(t)
	src := &failingSource{DB: db}
	ix, _, err := indexer.Open(ctx, t.TempDir(), src)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := ix.Applied()
	before, _ := ix.DocCount()
	putMany(t, db, 4500)
	changes, err := db.Changes(ctx, start, 1<<20)
	if err != nil {
		t.Fatal(err)
	}

	src.reads.Store(0)
	src.failAt.Store(2)
	if err := ix.CatchUp(ctx); !errors.Is(err, errRead) {
		t.Fatalf("CatchUp = %v, want the read error", err)
	}
	// Only the first step was read whole: Applied is its last change,
	// somewhere inside the backlog.
	if got := ix.Applied(); got <= start || got >= changes[len(changes)-1].Seq {
		t.Errorf("Applied() after a failed second read = %d, want inside (%d, %d)", got, start, changes[len(changes)-1].Seq)
	}

	src.failAt.Store(0)
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := ix.Applied(); got != changes[len(changes)-1].Seq {
		t.Errorf("Applied() = %d, want %d", got, changes[len(changes)-1].Seq)
	}
	if docs, _ := ix.DocCount(); docs != before+4500-450 {
		t.Errorf("DocCount = %d, want %d", docs, before+4500-450)
	}
}
