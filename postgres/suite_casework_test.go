package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/storetest"
)

// caseworkSuite is *DB as the casework suite drives it. Until the
// accounts area is ported, the rows of teams, organisations and users
// the suite needs are written here in plain SQL.
type caseworkSuite struct{ *DB }

func (s caseworkSuite) Write(ctx context.Context, fn func(storetest.CaseworkTx) error) error {
	return s.InTx(ctx, func(tx *Tx) error { return fn(tx) })
}

func (s caseworkSuite) SetNow(now func() time.Time) { s.Now = now }

func (s caseworkSuite) AddTeam(tb testing.TB, id string) {
	tb.Helper()
	s.mustExec(tb, `INSERT INTO teams (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING`, id)
}

func (s caseworkSuite) AddOrganization(tb testing.TB, id string) {
	tb.Helper()
	s.mustExec(tb, `INSERT INTO organization (id, name) VALUES ($1, $1)`, id)
}

func (s caseworkSuite) AddUser(tb testing.TB, u casework.User) int64 {
	tb.Helper()
	if u.TeamID != "" {
		s.AddTeam(tb, u.TeamID)
	}
	var id int64
	err := s.pool.QueryRow(context.Background(), `INSERT INTO users (email, name, role, team_id, organization_id, password_hash, disabled, created_at)
		VALUES ($1, $2, $3, nullif($4, ''), nullif($5, ''), 'hash', $6, '2026-01-01T00:00:00.000000Z') RETURNING id`,
		u.Email, u.Name, string(u.Role), u.TeamID, u.OrganizationID, u.Disabled).Scan(&id)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func (s caseworkSuite) mustExec(tb testing.TB, sql string, args ...any) {
	tb.Helper()
	if _, err := s.pool.Exec(context.Background(), sql, args...); err != nil {
		tb.Fatal(err)
	}
}

func openCaseworkSuite(tb testing.TB) storetest.CaseworkStore { return caseworkSuite{mustOpen(tb)} }

func TestSuiteCasework(t *testing.T)  { storetest.Casework(t, openCaseworkSuite) }
func TestSuiteCaseload(t *testing.T)  { storetest.Caseload(t, openCaseworkSuite) }
func TestSuiteReferrals(t *testing.T) { storetest.Referrals(t, openCaseworkSuite) }
