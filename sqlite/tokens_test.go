package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

func TestTokensAreSingleUseAndExpire(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	tok, err := db.CreateToken(ctx, "verify", "svc-1", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) < 40 {
		t.Errorf("token %q is short enough to guess", tok)
	}
	if _, err := db.UseToken(ctx, "invite", tok); directory.KindOf(err) != directory.NotFound {
		t.Errorf("token used for another purpose: %v", err)
	}
	if s, err := db.PeekToken(ctx, "verify", tok); err != nil || s != "svc-1" {
		t.Errorf("peek = %q, %v", s, err)
	}
	if s, err := db.UseToken(ctx, "verify", tok); err != nil || s != "svc-1" {
		t.Fatalf("use = %q, %v", s, err)
	}
	if _, err := db.UseToken(ctx, "verify", tok); directory.KindOf(err) != directory.Conflict {
		t.Errorf("second use: %v, want conflict", err)
	}
	old, _ := db.CreateToken(ctx, "verify", "svc-2", now.Add(time.Hour))
	now = now.Add(2 * time.Hour)
	if _, err := db.UseToken(ctx, "verify", old); directory.KindOf(err) != directory.Conflict {
		t.Errorf("expired token: %v, want conflict", err)
	}
	if _, err := db.PeekToken(ctx, "verify", old); directory.KindOf(err) != directory.Conflict {
		t.Errorf("peek at expired token: %v", err)
	}
	if _, err := db.UseToken(ctx, "verify", "made-up"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("made-up token: %v", err)
	}
}
