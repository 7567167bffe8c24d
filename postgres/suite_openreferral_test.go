package postgres

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/web/openreferral"
)

// The Open Referral API can run on this store. (Checked here, as
// package postgres itself must not import package web.)
var _ openreferral.Store = (*DB)(nil)

func TestSuiteOpenReferral(t *testing.T) {
	storetest.OpenReferral[*Tx](t, func(tb testing.TB) *DB { return mustOpen(tb) })
}
