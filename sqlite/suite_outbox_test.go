package sqlite_test

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
)

func TestSuiteOutbox(t *testing.T) { storetest.Outbox(t, openSuite) }
