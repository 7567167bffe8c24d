package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/pgtest"
)

// Instances publishing the same listing at once take their turns: every
// publication succeeds and the versions are numbered without gaps or
// clashes, while an import writing the same listing goes on beside them.
func TestPublishFromSeveralInstances(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := mustOpenURL(t, url), mustOpenURL(t, url)
	walk := &directory.Service{ID: "walk", Name: "Walk", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: "walkers", Name: "Walkers"}}
	if err := a.InTx(ctx, func(tx *Tx) error { _, _, err := tx.PutService(ctx, walk); return err }); err != nil {
		t.Fatal(err)
	}
	const each = 10
	var wg sync.WaitGroup
	errs := make(chan error, 3*each)
	for i, db := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				s := *walk
				s.Description = fmt.Sprintf("edit %d from instance %d", n, i)
				if _, err := db.Publish(ctx, &s, int64(i+1), "edit"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := range each {
			s := *walk
			s.Description = fmt.Sprintf("imported %d", n)
			if err := b.InTx(ctx, func(tx *Tx) error { _, _, err := tx.PutService(ctx, &s); return err }); err != nil {
				errs <- err
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	versions, err := a.ServiceVersions(ctx, "walk")
	if err != nil || len(versions) != 2*each+1 {
		t.Fatalf("versions = %d, %v; want the original and %d publications", len(versions), err, 2*each)
	}
	for i, v := range versions {
		if v.Version != i {
			t.Errorf("version %d numbered %d", i, v.Version)
		}
	}
}
