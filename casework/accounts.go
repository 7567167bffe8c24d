package casework

import (
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// Account lockout: this many failed logins within LockWindow lock the
// account for LockFor. Five is few enough to stop guessing and many
// enough for a person who mistypes.
const (
	MaxFailedLogins = 5
	LockWindow      = 15 * time.Minute
	LockFor         = 15 * time.Minute
)

// ValidateUser checks what a store's schema cannot say: who needs a team
// and who an organisation.
func ValidateUser(u User) error {
	if u.Email == "" || !strings.Contains(u.Email, "@") || strings.ContainsAny(u.Email, " \t\r\n") {
		return directory.Errorf(directory.Invalid, "%q is not an email address", u.Email)
	}
	switch u.Role {
	case RoleAdmin:
	case RoleLinkWorker:
		if u.TeamID == "" {
			return directory.Errorf(directory.Invalid, "a link worker needs a team")
		}
	case RoleEditor:
		if u.OrganizationID == "" {
			return directory.Errorf(directory.Invalid, "an editor needs an organisation")
		}
	case RoleCommissioner:
		// Commissioners read the whole scheme's figures, so they belong
		// to no team or organisation.
		if u.TeamID != "" || u.OrganizationID != "" {
			return directory.Errorf(directory.Invalid, "a commissioner has no team or organisation")
		}
	default:
		return directory.Errorf(directory.Invalid, "role must be admin, linkworker, editor or commissioner, not %q", u.Role)
	}
	return ValidatePhone(strings.TrimSpace(u.Phone))
}

// FailedLogins is an account's count of recent failed logins: how many,
// since when (zero when none).
type FailedLogins struct {
	N     int
	Since time.Time
}

// Fail counts a failed login at now and returns the new count, and when
// the account is locked until (zero when this failure does not lock it).
// The MaxFailedLogins-th failure within LockWindow of the first locks
// the account for LockFor and starts the count afresh, as does a failure
// LockWindow or more after the first.
func (f FailedLogins) Fail(now time.Time) (FailedLogins, time.Time) {
	if f.Since.IsZero() || now.Sub(f.Since) >= LockWindow || now.Before(f.Since) {
		f = FailedLogins{Since: now}
	}
	f.N++
	if f.N >= MaxFailedLogins {
		return FailedLogins{}, now.Add(LockFor)
	}
	return f, time.Time{}
}
