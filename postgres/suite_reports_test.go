package postgres

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
	webreports "github.com/linkway/linkway/web/reports"
)

// The scheme reports can run on this store. (Checked here, as package
// postgres itself must not import package web.)
var _ webreports.Store = (*DB)(nil)

func TestSuiteReports(t *testing.T) { storetest.Reports[*Tx](t, openSuite) }
