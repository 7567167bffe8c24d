// Command linkway runs Linkway: a directory of local community groups and
// services for social prescribing, with search, matching and casework.
//
// Usage:
//
//	linkway [serve] [--data DIR] [--addr HOST:PORT]
//	linkway import --data DIR [--skip-invalid] FILE
//	linkway reindex --data DIR
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
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "linkway:", directory.MessageOrError(err))
		os.Exit(1)
	}
}

const usage = `Linkway: a directory of local community groups and services for social prescribing.

Usage:
  linkway [serve] [--data DIR] [--addr HOST:PORT]   run the web server (the default)
  linkway import --data DIR [--skip-invalid] FILE   import an HSDS 3.0 JSON file
  linkway reindex --data DIR                        rebuild the search index
  linkway bench [--services N]                      measure search on a synthetic directory
  linkway eval [-v]                                 score the matcher on the labelled scenarios

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
		return runServe(ctx, args, getenv, stderr, nil)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "reindex":
		return runReindex(ctx, args, getenv, stdout, stderr)
	case "bench":
		return runBench(ctx, args, stdout, stderr)
	case "eval":
		return runEval(ctx, args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
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
