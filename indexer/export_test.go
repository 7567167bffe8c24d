package indexer

import "testing"

// SetStoredVersion overwrites the mapping version kept in the index, to
// test what Open does with an index built by another version.
func SetStoredVersion(tb testing.TB, ix *Index, v string) {
	tb.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if err := ix.cur.SetInternal(keyVersion, []byte(v)); err != nil {
		tb.Fatal(err)
	}
}
