package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/account"
)

const userUsage = `Usage:
  linkway user add --data DIR --email E --role admin|linkworker|editor|commissioner [--team T] [--organization ORG_ID] [--name N] [--phone P] [--password-stdin]
  linkway user password --data DIR --email E [--password-stdin]

"add" creates an account. A link worker needs --team (created if new);
an editor needs --organization, the id of an organisation in the
directory; an admin may have a team too, to keep a caseload. --phone is
a work number, printed on the summary a link worker gives a person.
"password" sets a new password and lifts a lockout.

Without --password-stdin a random password is made and printed once.
With it, the first line of standard input is the password (at least 12
characters), so that it never appears in the process list or the shell's
history.
`

func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, userUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return flag.ErrHelp
		}
		return usageError{errors.New("user needs a subcommand: add or password")}
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "password":
		return runUserPassword(ctx, args[1:], getenv, stdin, stdout, stderr)
	}
	fmt.Fprint(stderr, userUsage)
	return usageError{fmt.Errorf("unknown user subcommand %q", args[0])}
}

// parseUserFlags parses fs, turning every mistake into a usage error.
func parseUserFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, userUsage) }
	rest, err := parseFlags(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case err != nil:
		return usageError{err}
	case len(rest) > 0:
		return usageError{fmt.Errorf("unexpected argument %q", rest[0])}
	}
	return nil
}

func runUserAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	email := fs.String("email", "", "email address: what they log in with")
	role := fs.String("role", "", "admin, linkworker, editor or commissioner")
	team := fs.String("team", "", "team id, such as leeds-north (created if new); required for a link worker")
	org := fs.String("organization", "", "directory organisation id; required for an editor")
	name := fs.String("name", "", "name shown in Linkway")
	phone := fs.String("phone", "", "work phone number, printed on the summaries a link worker gives people")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parseUserFlags(fs, args, stderr); err != nil {
		return err
	}
	u := casework.User{
		Email: strings.TrimSpace(*email), Name: strings.TrimSpace(*name), Role: casework.Role(*role),
		TeamID: strings.TrimSpace(*team), OrganizationID: strings.TrimSpace(*org), Phone: strings.TrimSpace(*phone),
	}
	if err := checkUserFlags(u); err != nil {
		fmt.Fprint(stderr, userUsage)
		return err
	}
	password, hash, generated, err := newPasswordHash(*fromStdin, stdin)
	if err != nil {
		return err
	}

	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	// Check before creating a team, so a mistake leaves nothing behind.
	if _, _, err := a.db.UserByEmail(ctx, u.Email); err == nil {
		return fmt.Errorf("a user with email %s already exists", u.Email)
	} else if directory.KindOf(err) != directory.NotFound {
		return err
	}
	if u.OrganizationID != "" {
		if _, err := a.db.Organization(ctx, u.OrganizationID); directory.KindOf(err) == directory.NotFound {
			return fmt.Errorf("no organisation with id %q in the directory in %s", u.OrganizationID, a.dir)
		} else if err != nil {
			return err
		}
	}
	if u.TeamID != "" {
		if _, err := a.db.Team(ctx, u.TeamID); directory.KindOf(err) == directory.NotFound {
			if err := a.db.PutTeam(ctx, casework.Team{ID: u.TeamID, Name: u.TeamID}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "created team %s\n", u.TeamID)
		} else if err != nil {
			return err
		}
	}
	id, err := a.db.CreateUser(ctx, u, hash)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s (user %d)%s\n", u.Role, u.Email, id, where(u))
	if generated {
		printNewPassword(stdout, password, u.Email)
	}
	return nil
}

// checkUserFlags checks what the flags say before anything is opened,
// so that a mistake is a usage error (exit status 2).
func checkUserFlags(u casework.User) error {
	if u.Email == "" {
		return usageError{errors.New("--email is required")}
	}
	switch u.Role {
	case casework.RoleAdmin:
		if u.OrganizationID != "" {
			return usageError{errors.New("--organization is for editors")}
		}
	case casework.RoleLinkWorker:
		if u.TeamID == "" {
			return usageError{errors.New("a link worker needs --team")}
		}
		if u.OrganizationID != "" {
			return usageError{errors.New("--organization is for editors")}
		}
	case casework.RoleEditor:
		if u.OrganizationID == "" {
			return usageError{errors.New("an editor needs --organization, the id of their organisation in the directory")}
		}
		if u.TeamID != "" {
			return usageError{errors.New("--team is for link workers and admins")}
		}
	case casework.RoleCommissioner:
		if u.TeamID != "" || u.OrganizationID != "" {
			return usageError{errors.New("a commissioner reads the whole scheme's reports: no --team or --organization")}
		}
	case "":
		return usageError{errors.New("--role is required: admin, linkworker, editor or commissioner")}
	default:
		return usageError{fmt.Errorf("--role must be admin, linkworker, editor or commissioner, not %q", u.Role)}
	}
	if err := casework.ValidatePhone(u.Phone); err != nil {
		return usageError{fmt.Errorf("--phone: %w", err)}
	}
	return nil
}

func where(u casework.User) string {
	switch {
	case u.TeamID != "":
		return " in team " + u.TeamID
	case u.OrganizationID != "":
		return " for organisation " + u.OrganizationID
	}
	return ""
}

func runUserPassword(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user password", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	email := fs.String("email", "", "the user's email address")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parseUserFlags(fs, args, stderr); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		fmt.Fprint(stderr, userUsage)
		return usageError{errors.New("--email is required")}
	}
	password, hash, generated, err := newPasswordHash(*fromStdin, stdin)
	if err != nil {
		return err
	}
	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	u, _, err := a.db.UserByEmail(ctx, *email)
	if directory.KindOf(err) == directory.NotFound {
		return fmt.Errorf("no user has email %s", strings.TrimSpace(*email))
	} else if err != nil {
		return err
	}
	if err := a.db.SetPasswordHash(ctx, u.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "set a new password for %s\n", u.Email)
	if generated {
		printNewPassword(stdout, password, u.Email)
	}
	return nil
}

// newPassword reads the password from stdin's first line, or makes one.
func newPassword(fromStdin bool, stdin io.Reader) (password string, generated bool, err error) {
	if !fromStdin {
		pw, err := generatePassword(16)
		return pw, true, err
	}
	if stdin == nil {
		return "", false, errors.New("--password-stdin: no standard input")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("--password-stdin: %w", err)
	}
	// Only the line ending is cut: spaces may be part of a passphrase.
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", false, errors.New("--password-stdin: the first line of standard input is empty")
	}
	return line, false, nil
}

// printNewPassword prints a made-up password once, with what to do
// about it.
func printNewPassword(w io.Writer, password, email string) {
	fmt.Fprintf(w, "password: %s\n", password)
	fmt.Fprintf(w, "This password is shown only this once: pass it on privately, and change it soon with\n  linkway user password --email %s --password-stdin\n", email)
}

// newPasswordHash is newPassword with the password's hash.
func newPasswordHash(fromStdin bool, stdin io.Reader) (password, hash string, generated bool, err error) {
	if password, generated, err = newPassword(fromStdin, stdin); err != nil {
		return "", "", false, err
	}
	hash, err = account.HashPassword(password)
	return password, hash, generated, err
}

// generatePassword returns a random password of n characters.
func generatePassword(n int) (string, error) { return account.GeneratePassword(n) }
