package sqlite_test

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

func TestSuiteOpenReferral(t *testing.T) {
	storetest.OpenReferral[*sqlite.Tx](t, mustOpenDB)
}
