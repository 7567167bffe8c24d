package casework

import (
	"context"
	"fmt"
)

// PurgeDischarged deletes the records of people discharged more than
// retainDays ago, with everything recorded about them, and audits each
// deletion (person.purge) by the person's opaque id. The deletions and
// their audit entries are kept together or not at all. retainDays of 0
// or less keeps every record. It returns how many records went.
func (w *Workflow) PurgeDischarged(ctx context.Context, retainDays int) (int, error) {
	if retainDays <= 0 {
		return 0, nil
	}
	cutoff := w.Now().AddDate(0, 0, -retainDays)
	detail := fmt.Sprintf("discharged before %s; kept %d days", cutoff.Format("2006-01-02"), retainDays)
	var n int
	err := w.store.Atomically(ctx, func(tx Tx) error {
		ids, err := tx.PurgeDischarged(ctx, cutoff)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := w.audit(ctx, tx, Who{}, "person.purge", id, detail); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
