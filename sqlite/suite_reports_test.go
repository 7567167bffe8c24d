package sqlite_test

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

func TestSuiteReports(t *testing.T) { storetest.Reports[*sqlite.Tx](t, openSuite) }
