package indexer

import "testing"

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
