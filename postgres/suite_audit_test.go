package postgres

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
)

func TestSuiteAudit(t *testing.T) { storetest.Audit(t, openSuite) }
