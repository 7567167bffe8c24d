package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"strings"

	"github.com/linkway/linkway/bench"
	"github.com/linkway/linkway/bench/benchcmd"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/web/core"
)

// runBench is `linkway bench`: the benchmark (see bench/benchcmd), with
// what only the server can give it: the handler serve builds (--http),
// serve instances of this same program and its user add (--load).
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	hooks := benchcmd.Hooks{
		HTTP: func(ctx context.Context, t bench.Target) (http.Handler, func() error, error) {
			return benchHandler(ctx, t, stderr)
		},
		Serve:   serveCommand,
		AddUser: addBenchUser,
	}
	err := benchcmd.Run(ctx, "linkway bench", args, stdout, stderr, hooks)
	if ue := (benchcmd.UsageError{}); errors.As(err, &ue) {
		return usageError{err}
	}
	return err
}

// benchHandler opens the store the benchmark measured, as serve opens
// it, and returns the handler serve would build over it, searching the
// benchmark's index. Its log keeps warnings and errors only.
func benchHandler(ctx context.Context, t bench.Target, stderr io.Writer) (http.Handler, func() error, error) {
	a, err := openAppWith(ctx, t.Dir, t.Database)
	if err != nil {
		return nil, nil, err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	notifier, err := newNotifier(a.db, notifySettings{}, noSetting)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	runner := a.jobs(log)
	// What serve's openIndex sets on the index it opens.
	if t.Index.Classify == nil {
		t.Index.Classify = demoenv.Classifier(a.kinds)
	}
	srv, _, err := a.newWeb(t.Index, log, webOptions{
		maxConcurrent: core.DefaultMaxConcurrentRequests, orukPrefix: "/openreferral",
		baseURL: "http://127.0.0.1", notifier: notifier, jobs: runner,
	})
	release := func() error {
		runner.Close()
		return a.Close()
	}
	if err != nil {
		release()
		return nil, nil, err
	}
	return srv, release, nil
}

// serveCommand runs this program as `linkway serve` on the database,
// with dataDir as its own data folder (its search index), on a free
// loopback port, and with no scheduled feed syncs or map tiles.
func serveCommand(database, dataDir string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.Command(exe, "serve", "--database", database, "--data", dataDir, "--addr", "127.0.0.1:0",
		"--tile-url", "none", "--feed-sync-interval", "0"), nil
}

// addBenchUser creates the load's link worker as `linkway user add` does.
func addBenchUser(ctx context.Context, database, dataDir, email, team, password string) error {
	args := []string{"--database", database, "--data", dataDir, "--email", email, "--role", "linkworker",
		"--team", team, "--name", "Benchmark link worker", "--password-stdin"}
	return runUserAdd(ctx, args, noSetting, strings.NewReader(password+"\n"), io.Discard, io.Discard)
}

// noSetting is an environment with nothing set: the benchmark says
// everything with flags.
func noSetting(string) string { return "" }
