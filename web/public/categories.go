package public

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"
)

// categories resolves what the search API's category names — a term's
// id, or a feed's own code for it (category=lunch-club, BD-1800.2000) —
// to the term ids the index filters on. The map is built from the term
// list once and kept until the change log moves on, so a request costs
// one cheap read of the log's position, not a query per value.
type categories struct {
	mu      sync.Mutex
	seq     int64
	built   time.Time
	byValue map[string][]string // id, code or lower-case code → term ids
}

// missRefresh is how often a value not in the map rebuilds it: a term
// stored with no services does not move the change log, and a burst of
// unknown values must not rebuild the map on every request.
const missRefresh = 5 * time.Second

// resolve returns the term ids that value names, or nil when it names
// none.
func (c *categories) resolve(ctx context.Context, store Store, value string) ([]string, error) {
	seq, err := store.LastChangeSeq(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byValue == nil || c.seq != seq {
		if err := c.build(ctx, store, seq); err != nil {
			return nil, err
		}
	}
	ids := c.lookup(value)
	if ids == nil && time.Since(c.built) > missRefresh {
		if err := c.build(ctx, store, seq); err != nil {
			return nil, err
		}
		ids = c.lookup(value)
	}
	return ids, nil
}

func (c *categories) lookup(value string) []string {
	if ids, ok := c.byValue[value]; ok {
		return ids
	}
	return c.byValue[strings.ToLower(value)]
}

func (c *categories) build(ctx context.Context, store Store, seq int64) error {
	terms, err := store.TaxonomyTerms(ctx)
	if err != nil {
		return err
	}
	m := make(map[string][]string, 3*len(terms))
	// A value that is a term's id means that term alone, even if another
	// term has it as its code.
	for _, t := range terms {
		m[t.ID] = []string{t.ID}
	}
	isID := func(v string) bool { ids := m[v]; return len(ids) == 1 && ids[0] == v }
	for _, t := range terms {
		for _, key := range []string{t.Code, strings.ToLower(t.Code)} {
			if key != "" && !isID(key) && !slices.Contains(m[key], t.ID) {
				m[key] = append(m[key], t.ID)
			}
		}
	}
	c.byValue, c.seq, c.built = m, seq, time.Now()
	return nil
}
