package sqlite_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

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
