package indexer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// Source is the store the index is derived from.
type Source interface {
	Changes(ctx context.Context, after int64, limit int) ([]directory.Change, error)
	LastChangeSeq(ctx context.Context) (int64, error)
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
	EachService(ctx context.Context, batch int, fn func([]*directory.Service) error) error
	LocationPoints(ctx context.Context) (map[string][]orb.Point, error)
	// TermParents maps each taxonomy term to its broader term.
	TermParents(ctx context.Context) (map[string]string, error)
}

// Keys of the values kept inside the index with SetInternal. They are
// written in the same batch as the documents they describe, so the index
// and its position in the change log can never disagree.
var (
	keyVersion = []byte("linkway.mapping_version")
	keySeq     = []byte("linkway.seq")
)

// scorchConfig lets a batch return once it is searchable instead of once
// it is on disk. That is safe here because each batch carries its own
// change-log position: whatever a crash loses, the next start applies
// again from the store.
//
// bleve writes into the config it is given and keeps reading it, so each
// index gets its own map.
func scorchConfig() map[string]interface{} { return map[string]interface{}{"unsafe_batch": true} }

const (
	currentFile = "CURRENT" // names the generation folder in use
	batchSize   = 2000      // documents per bleve batch when building
)

// Index is the search index. It is safe for concurrent use: searches go
// through an alias, so a rebuilt index is swapped in while searches run.
type Index struct {
	dir   string
	src   Source
	alias bleve.IndexAlias

	mu      sync.RWMutex // guards cur, gen, applied, points and density
	cur     bleve.Index
	gen     string
	applied int64
	points  map[string][]orb.Point
	density density // where the services were when cur was installed

	applyMu sync.Mutex // one writer at a time: follow, rebuild
	wake    chan struct{}

	// Concepts expands everyday words into kinds of support; nil
	// searches the words as written.
	Concepts *Concepts
	// Classify, when set, reads a clause no concept phrase covers as
	// kinds of support.
	Classify Classifier

	vocabMu sync.Mutex // guards vocab
	vocab   *vocab     // the words known at one change-log position

	facets facetCache // facet counts of recent searches at one position
}

// OpenInfo says what Open found.
type OpenInfo struct {
	// Rebuilt is why the index was rebuilt at open ("" when it was not):
	// "missing", "corrupt: …" or "mapping version 2 → 3".
	Rebuilt string
	Docs    uint64
	Seq     int64
}

// Open opens the index in dir, creating or rebuilding it from src when it
// is missing, unreadable or built with another mapping version, then
// catches up with the change log.
func Open(ctx context.Context, dir string, src Source) (*Index, OpenInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, OpenInfo{}, fmt.Errorf("indexer: %w", err)
	}
	ix := &Index{dir: dir, src: src, wake: make(chan struct{}, 1), alias: bleve.NewIndexAlias()}
	var info OpenInfo
	idx, gen, reason := ix.openCurrent()
	if idx != nil {
		points, err := src.LocationPoints(ctx)
		if err != nil {
			idx.Close()
			return nil, info, err
		}
		seq, _ := readSeq(idx)
		ix.install(idx, gen, seq, points)
	} else {
		info.Rebuilt = reason
		if err := ix.Rebuild(ctx, nil); err != nil {
			return nil, info, err
		}
	}
	if err := ix.CatchUp(ctx); err != nil {
		ix.Close()
		return nil, info, err
	}
	info.Docs, _ = ix.alias.DocCount()
	info.Seq = ix.Applied()
	ix.removeStale()
	return ix, info, nil
}

// openCurrent opens the generation named by CURRENT, or says why it
// cannot be used.
func (ix *Index) openCurrent() (bleve.Index, string, string) {
	b, err := os.ReadFile(filepath.Join(ix.dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", "missing"
	}
	gen := strings.TrimSpace(string(b))
	if err != nil || gen == "" || strings.ContainsAny(gen, `/\`) {
		return nil, "", "corrupt: unreadable " + currentFile
	}
	idx, err := bleve.OpenUsing(filepath.Join(ix.dir, gen), scorchConfig())
	if err != nil {
		return nil, "", "corrupt: " + err.Error()
	}
	v, err := idx.GetInternal(keyVersion)
	if err != nil || string(v) != MappingVersion {
		idx.Close()
		return nil, "", fmt.Sprintf("mapping version %q, want %q", v, MappingVersion)
	}
	if _, err := readSeq(idx); err != nil {
		idx.Close()
		return nil, "", "corrupt: " + err.Error()
	}
	return idx, gen, ""
}

func readSeq(idx bleve.Index) (int64, error) {
	b, err := idx.GetInternal(keySeq)
	if err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	return strconv.ParseInt(string(b), 10, 64)
}

// install makes idx the index that searches and follow use, closing the
// one it replaces.
func (ix *Index) install(idx bleve.Index, gen string, seq int64, points map[string][]orb.Point) {
	d := newDensity(points)
	ix.mu.Lock()
	old := ix.cur
	ix.cur, ix.gen, ix.applied, ix.points, ix.density = idx, gen, seq, points, d
	if old != nil {
		ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	} else {
		ix.alias.Add(idx)
	}
	ix.mu.Unlock()
	if old != nil {
		old.Close()
	}
}

// Close closes the index.
func (ix *Index) Close() error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.cur == nil {
		return nil
	}
	err := ix.cur.Close()
	ix.cur = nil
	return err
}

// Applied returns the last change-log sequence applied to the index.
func (ix *Index) Applied() int64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.applied
}

// DocCount returns how many services are indexed.
func (ix *Index) DocCount() (uint64, error) { return ix.alias.DocCount() }

// Progress receives how many services a rebuild has indexed so far.
type Progress func(done int)

// Rebuild builds a new index from the whole store into a new folder, then
// swaps it in. Searches go on against the old index until the swap.
func (ix *Index) Rebuild(ctx context.Context, progress Progress) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	// Changes made while the build reads the store are applied to the new
	// index before it is swapped in: start from the log's position now.
	seq, err := ix.src.LastChangeSeq(ctx)
	if err != nil {
		return err
	}
	gen := "gen-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	path := filepath.Join(ix.dir, gen)
	idx, err := bleve.NewUsing(path, Mapping(), scorch.Name, scorch.Name, scorchConfig())
	if err != nil {
		return fmt.Errorf("indexer: create %s: %w", gen, err)
	}
	points := map[string][]orb.Point{}
	err = ix.build(ctx, idx, points, progress)
	if err == nil {
		// The new generation is only named CURRENT once all of it is on
		// disk: the persister writes in order, so the last batch being
		// persisted means every earlier one is.
		b := idx.NewBatch()
		b.SetInternal(keyVersion, []byte(MappingVersion))
		b.SetInternal(keySeq, []byte(strconv.FormatInt(seq, 10)))
		persisted := make(chan error, 1)
		b.SetPersistedCallback(func(err error) { persisted <- err })
		if err = idx.Batch(b); err == nil {
			select {
			case err = <-persisted:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
	}
	if err == nil {
		_, err = ix.applyTo(ctx, idx, seq, points, true)
	}
	if err != nil {
		idx.Close()
		os.RemoveAll(path)
		return err
	}
	if err := compact(ctx, idx); err != nil {
		idx.Close()
		os.RemoveAll(path)
		return err
	}
	seq, _ = readSeq(idx)
	if err := writeFileAtomic(filepath.Join(ix.dir, currentFile), []byte(gen+"\n")); err != nil {
		idx.Close()
		os.RemoveAll(path)
		return err
	}
	ix.install(idx, gen, seq, points)
	ix.removeStale()
	return nil
}

// removeStale deletes generation folders other than the current one:
// left by an earlier rebuild or a crash during one.
func (ix *Index) removeStale() {
	ix.mu.RLock()
	gen := ix.gen
	ix.mu.RUnlock()
	entries, _ := os.ReadDir(ix.dir)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "gen-") && e.Name() != gen {
			os.RemoveAll(filepath.Join(ix.dir, e.Name()))
		}
	}
}

func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("indexer: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("indexer: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return os.Rename(tmp, path)
}

// build indexes every listed service into idx. Reading the store and
// turning services into documents runs in its own goroutine, so that it
// overlaps bleve's analysis and segment building.
func (ix *Index) build(ctx context.Context, idx bleve.Index, points map[string][]orb.Point, progress Progress) error {
	type chunk struct {
		ids  []string
		docs []*doc
		read int
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	parents, err := ix.src.TermParents(ctx)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	chunks := make(chan chunk, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		readErr <- ix.src.EachService(ctx, batchSize, func(list []*directory.Service) error {
			c := chunk{read: len(list)}
			for _, s := range list {
				if !s.Listed() {
					continue
				}
				c.ids = append(c.ids, s.ID)
				c.docs = append(c.docs, newDoc(s, parents))
				if ps := pointsOf(s); len(ps) > 0 {
					points[s.ID] = ps
				}
			}
			select {
			case chunks <- c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	done := 0
	for c := range chunks {
		b := idx.NewBatch()
		for i, id := range c.ids {
			if err := b.Index(id, c.docs[i]); err != nil {
				return fmt.Errorf("indexer: service %s: %w", id, err)
			}
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("indexer: batch: %w", err)
		}
		done += c.read
		if progress != nil {
			progress(done)
		}
	}
	return <-readErr
}

func pointsOf(s *directory.Service) []orb.Point {
	var ps []orb.Point
	for _, sal := range s.Locations {
		if p := sal.Location.PublicPoint(); p != nil {
			ps = append(ps, *p)
		}
	}
	return ps
}

// compact merges a freshly built index into one segment: every query
// reads each segment's dictionaries, so the many segments a bulk build
// leaves would cost on every search from then on.
func compact(ctx context.Context, idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		return s.ForceMerge(ctx, nil)
	}
	return nil
}
