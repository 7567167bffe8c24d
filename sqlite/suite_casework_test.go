package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

// caseworkSuite is *sqlite.DB as the casework suite drives it.
type caseworkSuite struct{ *sqlite.DB }

func (s caseworkSuite) Write(ctx context.Context, fn func(storetest.CaseworkTx) error) error {
	return s.InTx(ctx, func(tx *sqlite.Tx) error { return fn(tx) })
}

func (s caseworkSuite) SetNow(now func() time.Time) { s.Now = now }

func (s caseworkSuite) AddTeam(tb testing.TB, id string) {
	tb.Helper()
	if err := s.PutTeam(context.Background(), casework.Team{ID: id, Name: id}); err != nil {
		tb.Fatal(err)
	}
}

func (s caseworkSuite) AddOrganization(tb testing.TB, id string) {
	tb.Helper()
	mustPut(tb, s.DB, &directory.Service{ID: "s-" + id, Name: "Walk", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: id, Name: id}})
}

func (s caseworkSuite) AddUser(tb testing.TB, u casework.User) int64 {
	tb.Helper()
	id := mustAccount(tb, s.DB, u)
	if u.Disabled {
		if err := s.SetUserDisabled(context.Background(), id, true); err != nil {
			tb.Fatal(err)
		}
	}
	return id
}

func openCaseworkSuite(tb testing.TB) storetest.CaseworkStore { return caseworkSuite{mustOpenDB(tb)} }

func TestSuiteCasework(t *testing.T)  { storetest.Casework(t, openCaseworkSuite) }
func TestSuiteCaseload(t *testing.T)  { storetest.Caseload(t, openCaseworkSuite) }
func TestSuiteReferrals(t *testing.T) { storetest.Referrals(t, openCaseworkSuite) }
