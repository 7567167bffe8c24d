package storedoc

import (
	"slices"
	"sync"

	"github.com/linkway/linkway/directory"
)

// maxCached bounds the service cache: enough for the services people
// search and match most, small beside the index.
const maxCached = 50000

// ServiceCache keeps decoded services keyed by id with the change-log
// sequence they were read at. A cached copy is used only while no later
// change is logged for the service, so a write from another process is
// never missed.
type ServiceCache struct {
	mu sync.Mutex
	m  map[string]cachedService
}

type cachedService struct {
	seq int64
	s   *directory.Service
}

// Get returns the cached service if it was read at seq, or nil.
func (c *ServiceCache) Get(id string, seq int64) *directory.Service {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[id]; ok && e.seq == seq {
		return e.s
	}
	return nil
}

// Put keeps s as read at seq, forgetting some others when full.
func (c *ServiceCache) Put(id string, seq int64, s *directory.Service) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]cachedService)
	}
	if len(c.m) >= maxCached {
		// Forget an arbitrary tenth; map order is random enough.
		n := maxCached / 10
		for k := range c.m {
			delete(c.m, k)
			if n--; n == 0 {
				break
			}
		}
	}
	c.m[id] = cachedService{seq, s}
}

// CountCache keeps per-term or per-kind counts as of one change-log sequence.
type CountCache struct {
	mu   sync.Mutex
	seq  int64
	list []directory.TermCount
	ok   bool
}

// Get returns a copy of the counts if they are as of seq.
func (c *CountCache) Get(seq int64) ([]directory.TermCount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ok || c.seq != seq {
		return nil, false
	}
	return slices.Clone(c.list), true
}

// Put keeps a copy of list as the counts at seq.
func (c *CountCache) Put(seq int64, list []directory.TermCount) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq, c.list, c.ok = seq, slices.Clone(list), true
}
