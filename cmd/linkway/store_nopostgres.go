//go:build !linkway_postgres

package main

import (
	"context"
	"errors"

	"github.com/linkway/linkway/kinds"
)

// openPostgres refuses until the PostgreSQL store has every method the
// commands use (see store_postgres.go); migrate-store works already.
func openPostgres(context.Context, string, *kinds.Assigner) (*backend, error) {
	return nil, errors.New("this build of linkway cannot serve from PostgreSQL yet: its store is not complete (build with -tags linkway_postgres once it is)")
}
