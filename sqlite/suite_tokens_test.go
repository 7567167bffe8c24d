package sqlite_test

import (
	"testing"

	"github.com/linkway/linkway/internal/storetest"
)

func TestSuiteTokens(t *testing.T) { storetest.Tokens(t, openSuite, openPair) }
