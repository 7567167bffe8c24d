package postgres

import (
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/web/public"
)

// The consumers whose every method the listings code provides.
var (
	_ indexer.Source = (*DB)(nil)
	_ public.Store   = (*DB)(nil)
	_ hsds.Writer    = (*Tx)(nil)
)
