package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// TestTxTokensAndAuditFollowTheTransaction checks the Tx methods: a
// token made and spent in one transaction, and an audit entry written
// in it, exist only if it commits; a token spent in a transaction that
// rolls back can still be used.
func TestTxTokensAndAuditFollowTheTransaction(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	expires := time.Now().Add(time.Hour)
	kept, err := db.CreateToken(ctx, "invite", "org-1", expires)
	if err != nil {
		t.Fatal(err)
	}
	var inTx string
	rollback := errors.New("roll back")
	err = db.InTx(ctx, func(tx *Tx) error {
		if s, err := tx.UseToken(ctx, "invite", kept); err != nil || s != "org-1" {
			t.Errorf("Tx.UseToken = %q, %v", s, err)
		}
		if inTx, err = tx.CreateToken(ctx, "verify", "svc-1", expires); err != nil {
			return err
		}
		if _, err := tx.UseToken(ctx, "verify", inTx); err != nil {
			t.Errorf("Tx.UseToken of the transaction's own token: %v", err)
		}
		// Refused in the transaction, which sees its own spending.
		if _, err := tx.UseToken(ctx, "verify", inTx); directory.KindOf(err) != directory.Conflict {
			t.Errorf("second Tx.UseToken: %v, want conflict", err)
		}
		if err := tx.AppendAudit(ctx, casework.AuditEntry{Action: "invite.accept"}); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("InTx = %v", err)
	}
	if s, err := db.UseToken(ctx, "invite", kept); err != nil || s != "org-1" {
		t.Errorf("a token spent in a rolled-back transaction: %q, %v; want usable", s, err)
	}
	if _, err := db.PeekToken(ctx, "verify", inTx); directory.KindOf(err) != directory.NotFound {
		t.Errorf("a token made in a rolled-back transaction: %v, want not found", err)
	}
	if _, n, _ := db.Audit(ctx, AuditFilter{}); n != 0 {
		t.Errorf("%d audit entries kept from a rolled-back transaction", n)
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		return tx.AppendAudit(ctx, casework.AuditEntry{Action: "invite.accept"})
	})
	if _, n, _ := db.Audit(ctx, AuditFilter{Action: "invite.accept"}); err != nil || n != 1 {
		t.Errorf("committed audit entries = %d, %v; want 1", n, err)
	}
}
