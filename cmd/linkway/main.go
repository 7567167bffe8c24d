// Command linkway runs Linkway: a directory of local community groups and
// services for social prescribing, with search, matching and casework.
//
// Usage:
//
//	linkway [serve] [--data DIR] [--addr HOST:PORT]
//	linkway import --data DIR [--skip-invalid] FILE
//	linkway reindex --data DIR
//	linkway migrate-store --data DIR --to postgres://…
//	linkway bench [--services N] [--http] [--database URL [--load]]
//	linkway user add --data DIR --email E --role ROLE [--team T] [--organization ORG_ID] [--name N] [--password-stdin]
//	linkway user password --data DIR --email E [--password-stdin]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // session times are shown in UK time on any host

	"github.com/linkway/linkway/directory"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "linkway:", directory.MessageOrError(err))
	}
	if code := exitCode(err); code != 0 {
		os.Exit(code)
	}
}

// usageError is a command used wrongly: the program exits with status 2,
// as the flag package does, rather than 1 for a failure.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// exitCode is the process exit status for run's error.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp), errors.As(err, &ue):
		return 2
	}
	return 1
}

const usage = `Linkway: a directory of local community groups and services for social prescribing.

Usage:
  linkway [serve] [--data DIR] [--addr HOST:PORT]   run the web server (the default)
  linkway import --data DIR [--skip-invalid] FILE   import an HSDS 3.0 JSON file
  linkway export --data DIR --format F OUT          write the directory as Open Referral (hsds3, ndjson, datapackage)
  linkway feed add|list|sync --data DIR ...         keep the directory in sync with Open Referral APIs
  linkway validate [--json] URL                     check an Open Referral UK 3.0 API (Linkway's or any)
  linkway reindex --data DIR                        rebuild the search index
  linkway migrate-store --data DIR --to URL         copy the SQLite store into an empty PostgreSQL database
  linkway user add --data DIR --email E --role R    create an account (admin, linkworker or editor)
  linkway user password --data DIR --email E        set a new password and lift a lockout
  linkway eval [-v]                                 score the matcher on the labelled scenarios
  linkway bench [--services N] [--http] [--load]    measure search, the HTTP API and a load on a synthetic directory

Run "linkway COMMAND --help" for a command's options.
`

// run is the whole program, apart from process signals and exit codes,
// so tests can run it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr, nil)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args, getenv, stdout, stderr)
	case "feed":
		return runFeed(ctx, args, getenv, stdout, stderr)
	case "validate":
		return runValidate(ctx, args, stdout, stderr)
	case "migrate-store":
		return runMigrateStore(ctx, args, getenv, stdout, stderr)
	case "reindex":
		return runReindex(ctx, args, getenv, stdout, stderr)
	case "bench":
		return runBench(ctx, args, stdout, stderr)
	case "eval":
		return runEval(ctx, args, stdout, stderr)
	case "user":
		return runUser(ctx, args, getenv, stdin, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Errorf("unknown command %q", cmd)}
}

// parseFlags parses flags that may come before or after the positional
// arguments ("import FILE --data DIR" as well as "import --data DIR FILE").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// dataDir returns the data folder from the flag value or the environment.
func dataDir(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv("LINKWAY_DATA"); v != "" {
		return v
	}
	return "./linkway-data"
}
