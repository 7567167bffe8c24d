package indexer

import (
	"context"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/paulmach/orb"
)

// changesPerBatch bounds one step of catching up, so a long backlog is
// applied in steps that each commit their position in the log.
const changesPerBatch = 1000

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
func (ix *Index) applyTo(ctx context.Context, idx bleve.Index, seq int64, points map[string][]orb.Point, locked bool) (int64, error) {
	for {
		changes, err := ix.src.Changes(ctx, seq, changesPerBatch)
		if err != nil || len(changes) == 0 {
			return seq, err
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
			return seq, err
		}
		last := changes[len(changes)-1].Seq
		b := idx.NewBatch()
		newPoints := map[string][]orb.Point{}
		for _, id := range ids {
			s, ok := services[id]
			if !ok || !s.Listed() {
				b.Delete(id)
				newPoints[id] = nil
				continue
			}
			if err := b.Index(id, newDoc(s)); err != nil {
				return seq, err
			}
			newPoints[id] = pointsOf(s)
		}
		b.SetInternal(keySeq, []byte(strconv.FormatInt(last, 10)))
		if err := idx.Batch(b); err != nil {
			return seq, err
		}
		if !locked {
			ix.mu.Lock()
		}
		for id, ps := range newPoints {
			if len(ps) == 0 {
				delete(points, id)
			} else {
				points[id] = ps
			}
		}
		if !locked {
			ix.mu.Unlock()
		}
		seq = last
	}
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
