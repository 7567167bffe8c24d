package indexer

import (
	"encoding/json"
	"maps"
	"slices"
	"sync"

	"github.com/linkway/linkway/directory"
)

// maxCachedFacets bounds the facet counts kept at one change-log
// position: enough for the pages of the searches people are reading.
const maxCachedFacets = 1024

// facetCache keeps the facet counts of recent searches until the index
// changes. Counting facets reads every hit, so the next page of a search,
// or the same search sorted another way, need not count them again.
type facetCache struct {
	mu     sync.Mutex
	seq    int64
	counts map[string]map[string][]directory.FacetCount
}

// facetKey is what a search's facet counts depend on: the query without
// its page and order.
func facetKey(q directory.Query) string {
	q.Offset, q.Limit, q.Sort = 0, 0, ""
	b, err := json.Marshal(q)
	if err != nil {
		return ""
	}
	return string(b)
}

// get returns a copy of the counts kept for key at seq.
func (c *facetCache) get(seq int64, key string) (map[string][]directory.FacetCount, bool) {
	if key == "" {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.counts[key]
	if !ok || c.seq != seq {
		return nil, false
	}
	return cloneFacets(f), true
}

// put keeps a copy of the counts for key at seq, forgetting those of
// other positions.
func (c *facetCache) put(seq int64, key string, f map[string][]directory.FacetCount) {
	if key == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq || c.counts == nil || len(c.counts) >= maxCachedFacets {
		c.seq, c.counts = seq, map[string]map[string][]directory.FacetCount{}
	}
	c.counts[key] = cloneFacets(f)
}

func cloneFacets(f map[string][]directory.FacetCount) map[string][]directory.FacetCount {
	out := maps.Clone(f)
	for k, v := range out {
		out[k] = slices.Clone(v)
	}
	return out
}
