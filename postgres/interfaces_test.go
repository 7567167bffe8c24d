package postgres

import (
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/core"
)

// The consumer interfaces that *DB (and its limiter) satisfy in full.
var (
	_ core.Accounts      = (*DB)(nil)
	_ account.Store      = (*DB)(nil)
	_ notify.OutboxStore = (*DB)(nil)
	_ core.RateLimiter   = (*Limiter)(nil)
)
