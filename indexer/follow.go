package indexer

import (
	"context"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/paulmach/orb"
)

// changesPerBatch bounds one step of catching up, so a long backlog is
// applied in steps that each commit their position in the log. Bigger
// steps make fewer, larger index segments; this size keeps a step's
// services (read and decoded together) to a few tens of megabytes.
const changesPerBatch = 2000

// CatchUp applies every change logged since the index's last applied
// sequence. Each step writes its documents and its new position in one
// bleve batch, so a crash between steps loses nothing and repeats nothing.
func (ix *Index) CatchUp(ctx context.Context) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	ix.mu.RLock()
	idx, seq, points := ix.cur, ix.applied, ix.points
	ix.mu.RUnlock()
	if idx == nil {
		return nil
	}
	newSeq, err := ix.applyTo(ctx, idx, seq, points, false)
	ix.mu.Lock()
	if ix.cur == idx && newSeq > ix.applied {
		ix.applied = newSeq
	}
	ix.mu.Unlock()
	return err
}

// applyTo applies changes after seq to idx until none are left, and
// returns the last sequence applied. points is updated in place; locked
// says whether the caller already owns it exclusively (a new index not
// yet visible to searches).
//
// Reading a step's services from the store and turning them into
// documents runs one step ahead, in its own goroutine, so that it
// overlaps bleve's analysis of the step before: after a big import this
// is most of the work of following.
func (ix *Index) applyTo(ctx context.Context, idx bleve.Index, seq int64, points map[string][]orb.Point, locked bool) (int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	steps := make(chan followStep, 1)
	go ix.readSteps(ctx, seq, steps)
	defer func() {
		cancel()
		for range steps { // let the reader finish before returning
		}
	}()
	for st := range steps {
		if st.err != nil {
			return seq, st.err
		}
		b := idx.NewBatch()
		for id, d := range st.docs {
			if d == nil {
				b.Delete(id)
				continue
			}
			if err := b.Index(id, d); err != nil {
				return seq, err
			}
		}
		b.SetInternal(keySeq, []byte(strconv.FormatInt(st.last, 10)))
		if err := idx.Batch(b); err != nil {
			return seq, err
		}
		if !locked {
			ix.mu.Lock()
		}
		for id, ps := range st.points {
			if len(ps) == 0 {
				delete(points, id)
			} else {
				points[id] = ps
			}
		}
		if !locked {
			ix.mu.Unlock()
		}
		seq = st.last
	}
	return seq, nil
}

// followStep is one step of catching up: the documents of the services
// changed up to last (nil for a service to delete) and their positions.
type followStep struct {
	last   int64
	docs   map[string]*doc
	points map[string][]orb.Point
	err    error
}

// readSteps reads the change log after seq a step at a time and sends
// each step, ready to index, until the log is exhausted, an error (sent
// as the last step) or ctx ends. It closes steps when done.
func (ix *Index) readSteps(ctx context.Context, seq int64, steps chan<- followStep) {
	defer close(steps)
	for {
		st := ix.readStep(ctx, seq)
		if st.err == nil && len(st.docs) == 0 {
			return
		}
		select {
		case steps <- st:
		case <-ctx.Done():
			return
		}
		if st.err != nil {
			return
		}
		seq = st.last
	}
}

func (ix *Index) readStep(ctx context.Context, seq int64) followStep {
	changes, err := ix.src.Changes(ctx, seq, changesPerBatch)
	if err != nil || len(changes) == 0 {
		return followStep{err: err}
	}
	ids := make([]string, 0, len(changes))
	seen := map[string]bool{}
	for _, c := range changes {
		if !seen[c.ServiceID] {
			seen[c.ServiceID] = true
			ids = append(ids, c.ServiceID)
		}
	}
	services, err := ix.src.ServicesByID(ctx, ids)
	if err != nil {
		return followStep{err: err}
	}
	// Read with the step, so that a term moved under another is seen by
	// the services its move logged.
	parents, err := ix.src.TermParents(ctx)
	if err != nil {
		return followStep{err: err}
	}
	st := followStep{
		last:   changes[len(changes)-1].Seq,
		docs:   make(map[string]*doc, len(ids)),
		points: make(map[string][]orb.Point, len(ids)),
	}
	for _, id := range ids {
		s, ok := services[id]
		if !ok || !s.Listed() {
			st.docs[id] = nil
			st.points[id] = nil
			continue
		}
		st.docs[id] = newDoc(s, parents)
		st.points[id] = pointsOf(s)
	}
	return st
}

// Notify wakes Follow to apply changes now rather than at its next tick:
// a writer in the same process calls it after committing.
func (ix *Index) Notify() {
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

// Follow applies the change log every interval (or when notified) until
// ctx ends. Errors are passed to onError, and following goes on: the next
// round retries from the last applied sequence.
func (ix *Index) Follow(ctx context.Context, interval time.Duration, onError func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := ix.CatchUp(ctx); err != nil && ctx.Err() == nil && onError != nil {
			onError(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-ix.wake:
		}
	}
}
