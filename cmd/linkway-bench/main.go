// Command linkway-bench measures Linkway's search on a synthetic
// directory across England: store load, index build, a mix of queries
// from one and two clients, edits from commit to searchable, matches, and
// the same queries on a SQLite FTS5 baseline. It is `linkway bench`
// without the server linked in, so without --http and --load, which need
// the server. The FTS5 comparison needs the sqlite_fts5 build tag:
//
//	go run -tags sqlite_fts5 ./cmd/linkway-bench --services 100000
//
// With --database postgres://… the same directory is also stored in that
// (empty) PostgreSQL database and measured there, beside the SQLite lines.
//
// The last line of its report is a "BENCH key=value …" summary.
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

	"github.com/linkway/linkway/bench/benchcmd"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "linkway-bench:", err)
		var ue benchcmd.UsageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return benchcmd.Run(ctx, "linkway-bench", args, stdout, stderr, benchcmd.Hooks{})
}
