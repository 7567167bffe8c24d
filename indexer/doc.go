// Package indexer keeps Linkway's bleve search index: a derived copy of
// the directory that follows the store's change log, and the searches run
// on it (words expanded through the concept map, filters, facets,
// distance and opening times).
//
// The store is the source of truth. The index can be deleted at any time
// and is rebuilt from the store.
package indexer
