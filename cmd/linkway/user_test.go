package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// runWithStdin is runCmd with standard input.
func runWithStdin(tb testing.TB, stdin string, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, noEnv, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// mustPasswordWorks checks that the stored hash of email's account
// matches password.
func mustPasswordWorks(tb testing.TB, dir, email, password string) {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	_, hash, err := db.UserByEmail(context.Background(), email)
	if err != nil {
		tb.Fatal(err)
	}
	if ok, err := argon2id.ComparePasswordAndHash(password, hash); !ok || err != nil {
		tb.Errorf("%s: password %q does not match the stored hash (%v)", email, password, err)
	}
}

// mustUserPhone checks the phone number stored on email's account.
func mustUserPhone(tb testing.TB, dir, email, want string) {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	u, _, err := db.UserByEmail(context.Background(), email)
	if err != nil {
		tb.Fatal(err)
	}
	if u.Phone != want {
		tb.Errorf("%s: phone %q, want %q", email, u.Phone, want)
	}
}

func TestUserAdd(t *testing.T) {
	dir := t.TempDir()
	// A directory with one organisation, for the editor.
	feed := filepath.Join(t.TempDir(), "feed.json")
	os.WriteFile(feed, []byte(`[{"id": "walk", "name": "Walk", "status": "active", "organization": {"id": "org-1", "name": "Walkers"}}]`), 0o600)
	if _, _, err := runCmd(t, "import", "--data", dir, feed); err != nil {
		t.Fatal(err)
	}

	t.Run("admin with a made-up password", func(t *testing.T) {
		out, _, err := runCmd(t, "user", "add", "--data", dir, "--email", "Admin@Example.org", "--role", "admin", "--name", "Ada")
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?m)^password: (\S+)$`).FindStringSubmatch(out)
		if m == nil || len(m[1]) != 16 {
			t.Fatalf("no 16-character password printed:\n%s", out)
		}
		if !strings.Contains(out, "shown only this once") || !strings.Contains(out, "change it") {
			t.Errorf("no note to change the password:\n%s", out)
		}
		mustPasswordWorks(t, dir, "admin@example.org", m[1])
	})

	t.Run("link worker in a new team, password from stdin", func(t *testing.T) {
		out, _, err := runWithStdin(t, "a long passphrase with spaces\nsecond line ignored\n",
			"user", "add", "--data", dir, "--email", "north@example.org", "--role", "linkworker", "--team", "leeds-north", "--phone", "0113 496 0123", "--password-stdin")
		if err != nil {
			t.Fatal(err)
		}
		mustUserPhone(t, dir, "north@example.org", "0113 496 0123")
		if !strings.Contains(out, "created team leeds-north") || strings.Contains(out, "password:") {
			t.Errorf("output:\n%s\nwant the team created and no password printed", out)
		}
		mustPasswordWorks(t, dir, "north@example.org", "a long passphrase with spaces")
		// The team now exists, so a second worker joins it quietly.
		out, _, err = runWithStdin(t, "another long passphrase\r\n",
			"user", "add", "--data", dir, "--email", "north2@example.org", "--role", "linkworker", "--team", "leeds-north", "--password-stdin")
		if err != nil || strings.Contains(out, "created team") {
			t.Errorf("second worker: %v\n%s", err, out)
		}
		mustPasswordWorks(t, dir, "north2@example.org", "another long passphrase")
	})

	t.Run("editor of an organisation in the directory", func(t *testing.T) {
		if _, _, err := runCmd(t, "user", "add", "--data", dir, "--email", "ed@example.org", "--role", "editor", "--organization", "org-1"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("commissioner", func(t *testing.T) {
		out, _, err := runCmd(t, "user", "add", "--data", dir, "--email", "cc@example.org", "--role", "commissioner")
		if err != nil || !strings.Contains(out, "created commissioner cc@example.org") {
			t.Fatalf("add a commissioner: %v\n%s", err, out)
		}
	})

	failures := []struct {
		name, stdin string
		args        []string
		want        string
		code        int
	}{
		{"no subcommand", "", []string{"user"}, "needs a subcommand", 2},
		{"unknown subcommand", "", []string{"user", "remove"}, `unknown user subcommand "remove"`, 2},
		{"unknown flag", "", []string{"user", "add", "--data", dir, "--colour", "red"}, "flag provided but not defined", 2},
		{"no email", "", []string{"user", "add", "--data", dir, "--role", "admin"}, "--email is required", 2},
		{"no role", "", []string{"user", "add", "--data", dir, "--email", "x@example.org"}, "--role is required", 2},
		{"bad role", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "boss"}, `not "boss"`, 2},
		{"link worker without team", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "linkworker"}, "needs --team", 2},
		{"commissioner with a team", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "commissioner", "--team", "leeds-north"}, "no --team or --organization", 2},
		{"editor without organisation", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "editor"}, "needs --organization", 2},
		{"editor of an unknown organisation", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "editor", "--organization", "nope"}, `no organisation with id "nope"`, 1},
		{"email taken, in another case", "", []string{"user", "add", "--data", dir, "--email", "ADMIN@example.org", "--role", "admin"}, "already exists", 1},
		{"short password", "short one\n", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "admin", "--password-stdin"}, "at least 12 characters", 1},
		{"not a phone number", "", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "admin", "--phone", "ask at reception"}, "\"ask at reception\" is not a phone number", 2},
		{"empty password", "\n", []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "admin", "--password-stdin"}, "empty", 1},
	}
	for _, tt := range failures {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runWithStdin(t, tt.stdin, tt.args...)
			if err == nil || !strings.Contains(directory.MessageOrError(err), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit status %d, want %d", got, tt.code)
			}
		})
	}
	// The failed "x@example.org" attempts left nothing behind.
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, err := db.Users(context.Background())
	if err != nil || len(users) != 5 {
		t.Errorf("Users = %d, %v; want the 5 created", len(users), err)
	}
	if teams, _ := db.Teams(context.Background()); len(teams) != 1 {
		t.Errorf("Teams = %v, want leeds-north only", teams)
	}
}

func TestUserPassword(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runWithStdin(t, "the first password\n", "user", "add", "--data", dir, "--email", "a@example.org", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runWithStdin(t, "the second password\n", "user", "password", "--data", dir, "--email", "A@example.org", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	mustPasswordWorks(t, dir, "a@example.org", "the second password")
	_, _, err := runCmd(t, "user", "password", "--data", dir, "--email", "nobody@example.org")
	if err == nil || !strings.Contains(err.Error(), "no user has email nobody@example.org") || exitCode(err) != 1 {
		t.Errorf("unknown email: %v", err)
	}
}

func TestUserHelp(t *testing.T) {
	_, stderr, err := runCmd(t, "user", "add", "--help")
	if exitCode(err) != 2 || !strings.Contains(stderr, "linkway user add --data DIR") {
		t.Errorf("user add --help = %v, exit %d\n%s", err, exitCode(err), stderr)
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw, err := generatePassword(16)
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != 16 || strings.ContainsAny(pw, "0O1lI") || seen[pw] {
			t.Fatalf("generatePassword = %q: want 16 unambiguous characters, never repeated", pw)
		}
		seen[pw] = true
	}
}
