package sqlite_test

import (
	"context"
	"os"
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

func TestTrustAndVerify(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	data, err := os.ReadFile("testdata/services.json")
	if err != nil {
		t.Fatal(err)
	}
	mustImportFile(t, db, data)
	var svc *directory.Service
	list, _, _ := db.FindServices(ctx, directory.ServiceFilter{})
	for _, s := range list {
		if s.Organization != nil {
			svc = s
			break
		}
	}
	org := svc.Organization.ID
	if ok, err := db.IsTrusted(ctx, org); err != nil || ok {
		t.Errorf("new organisation trusted = %v, %v", ok, err)
	}
	if err := db.SetTrusted(ctx, org, true); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.IsTrusted(ctx, org); !ok {
		t.Error("trust not kept")
	}
	if err := db.SetTrusted(ctx, "no-such-org", true); directory.KindOf(err) != directory.NotFound {
		t.Errorf("trusting an unknown organisation: %v", err)
	}
	before, _ := db.LastChangeSeq(ctx)
	at := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if _, err := db.VerifyService(ctx, svc.ID, "editor@example.org", at); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Service(ctx, svc.ID)
	if !got.LastVerified.Equal(at) || got.VerifiedBy != "editor@example.org" {
		t.Errorf("verified %v by %q", got.LastVerified, got.VerifiedBy)
	}
	if after, _ := db.LastChangeSeq(ctx); after <= before {
		t.Error("verifying wrote no change for the search index to follow")
	}
}
