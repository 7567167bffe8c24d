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
// LockWindow or more after the first. A failure stamped before the first
// (by less than LockWindow) counts too: instances sharing a store have
// clocks a little apart.
func (f FailedLogins) Fail(now time.Time) (FailedLogins, time.Time) {
	if f.Since.IsZero() || now.Sub(f.Since) >= LockWindow || f.Since.Sub(now) >= LockWindow {
		f = FailedLogins{Since: now}
	}
	f.N++
	if f.N >= MaxFailedLogins {
		return FailedLogins{}, now.Add(LockFor)
	}
	return f, time.Time{}
}

// NewTeam tidies a team to be stored: trimmed, and named by its id when
// it has no name. A team without an id is Invalid.
func NewTeam(t Team) (Team, error) {
	t.ID, t.Name = strings.TrimSpace(t.ID), strings.TrimSpace(t.Name)
	if t.ID == "" {
		return Team{}, directory.Errorf(directory.Invalid, "a team needs an id")
	}
	if t.Name == "" {
		t.Name = t.ID
	}
	return t, nil
}

// NewUser tidies and checks a user to be created with passwordHash
// (made by the caller: stores never see a password), stamping them
// created at now unless they say otherwise.
func NewUser(u User, passwordHash string, now time.Time) (User, error) {
	u.Email, u.Phone = strings.TrimSpace(u.Email), strings.TrimSpace(u.Phone)
	if err := ValidateUser(u); err != nil {
		return User{}, err
	}
	if passwordHash == "" {
		return User{}, directory.Errorf(directory.Invalid, "a user needs a password")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = now
	}
	return u, nil
}
