package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/storetest"
)

// reportsSuite is *DB as the reports suite drives it. Until the accounts
// area (DB.PutTeam) is merged, teams are written here in plain SQL.
type reportsSuite struct{ *DB }

func (s reportsSuite) PutTeam(ctx context.Context, t casework.Team) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO teams (id, name) VALUES ($1, $2)`, t.ID, t.Name)
	return err
}

func TestSuiteReports(t *testing.T) {
	storetest.Reports[*Tx](t, func(tb testing.TB, now func() time.Time) reportsSuite {
		db := mustOpen(tb)
		db.Now = now
		return reportsSuite{db}
	})
}
