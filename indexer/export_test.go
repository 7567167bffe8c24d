package indexer

import (
	"testing"

	"github.com/linkway/linkway/directory"
)

// SetStoredVersion overwrites the mapping version kept in the index, to
// test what Open does with an index built by another version. It waits
// until the change is on disk.
func SetStoredVersion(tb testing.TB, ix *Index, v string) {
	tb.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	b := ix.cur.NewBatch()
	b.SetInternal(keyVersion, []byte(v))
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := ix.cur.Batch(b); err != nil {
		tb.Fatal(err)
	}
	if err := <-persisted; err != nil {
		tb.Fatal(err)
	}
}

// FiltersAfter says whether q's distance filter checks the hits of the
// rest of the query alone, without the grid cells covering the circle.
func FiltersAfter(ix *Index, q directory.Query) bool {
	bq, _, _ := ix.buildQuery(q, exact)
	nf, ok := bq.(*nearFilter)
	return ok && !nf.cells
}
