package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/storetest"
)

// caseworkSuite is *DB as the casework suite drives it.
type caseworkSuite struct{ *DB }

func (s caseworkSuite) Write(ctx context.Context, fn func(storetest.CaseworkTx) error) error {
	return s.InTx(ctx, func(tx *Tx) error { return fn(tx) })
}

func (s caseworkSuite) SetNow(now func() time.Time) { s.Now = now }

func (s caseworkSuite) AddTeam(tb testing.TB, id string) {
	tb.Helper()
	if err := s.PutTeam(context.Background(), casework.Team{ID: id, Name: id}); err != nil {
		tb.Fatal(err)
	}
}

// AddOrganization writes the row in plain SQL until the listings area
// (PutService, PutOrganization) is ported.
func (s caseworkSuite) AddOrganization(tb testing.TB, id string) {
	tb.Helper()
	if _, err := s.pool.Exec(context.Background(), `INSERT INTO organization (id, name) VALUES ($1, $1)`, id); err != nil {
		tb.Fatal(err)
	}
}

func (s caseworkSuite) AddUser(tb testing.TB, u casework.User) int64 {
	tb.Helper()
	ctx := context.Background()
	if u.TeamID != "" {
		s.AddTeam(tb, u.TeamID)
	}
	id, err := s.CreateUser(ctx, u, "hash-of-"+u.Email)
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
	if u.Disabled {
		if err := s.SetUserDisabled(ctx, id, true); err != nil {
			tb.Fatal(err)
		}
	}
	return id
}

func openCaseworkSuite(tb testing.TB) storetest.CaseworkStore { return caseworkSuite{mustOpen(tb)} }

func TestSuiteCasework(t *testing.T)  { storetest.Casework(t, openCaseworkSuite) }
func TestSuiteCaseload(t *testing.T)  { storetest.Caseload(t, openCaseworkSuite) }
func TestSuiteReferrals(t *testing.T) { storetest.Referrals(t, openCaseworkSuite) }
