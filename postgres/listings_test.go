package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// TestCrossedWritesDoNotDeadlock: two transactions writing the same two
// listings in opposite orders both succeed. Were the change log's lock
// taken only when logging, the first would hold it waiting for a row the
// second wrote, while the second waited for the lock.
func TestCrossedWritesDoNotDeadlock(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := func(id, name string) *directory.Service {
		return &directory.Service{ID: id, Name: name, Status: directory.StatusActive}
	}
	putBoth := func(first, second *directory.Service, between func()) error {
		return db.InTx(ctx, func(tx *Tx) error {
			if _, _, err := tx.PutService(ctx, first); err != nil {
				return err
			}
			between()
			_, _, err := tx.PutService(ctx, second)
			return err
		})
	}
	aWrote, bWrote := make(chan struct{}), make(chan struct{})
	errs := make(chan error, 2)
	go func() {
		errs <- putBoth(svc("x", "A"), svc("y", "A"), func() {
			close(aWrote)
			select { // b cannot write while a holds the lock: go on after a while
			case <-bWrote:
			case <-time.After(300 * time.Millisecond):
			}
		})
	}()
	go func() {
		<-aWrote
		errs <- putBoth(svc("y", "B"), svc("x", "B"), func() { close(bWrote) })
	}()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"x", "y"} {
		if s, err := db.Service(ctx, id); err != nil || s.Name != "B" {
			t.Errorf("Service(%s) = %+v, %v; want B's, written last", id, s, err)
		}
	}
}
