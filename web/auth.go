package web

// Accounts: the account store, and checking passwords.

import (
	"context"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/account"
)

// accounts is what the web layer needs from the account store.
type accounts interface {
	account.Store
	UserByID(ctx context.Context, id int64) (casework.User, error)
	AppendAudit(ctx context.Context, e casework.AuditEntry) error
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)
	// For admins managing users.
	Users(ctx context.Context) ([]casework.User, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	SetUserDisabled(ctx context.Context, userID int64, disabled bool) error
	Teams(ctx context.Context) ([]casework.Team, error)
}
