package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

const feedUsage = `Usage:
  linkway feed add --data DIR --name NAME URL   register an Open Referral API (ORUK v1 or HSDS 3.0)
  linkway feed list [--data DIR]                list the feeds with their last sync
  linkway feed sync [--data DIR] [NAME]         sync one feed, or all of them

URL is the API's root, as registries list it, or its /services address.
A feed's services are stored as NAME:ID. A sync is all or nothing; services
the feed no longer lists are withdrawn, and come back if it lists them again.
`

func runFeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, feedUsage)
		return usageError{errors.New("feed: add, list or sync?")}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("feed "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, feedUsage); fs.PrintDefaults() }
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	name := fs.String("name", "", "the feed's name (add): letters, digits, - and _")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return usageError{err}
	}
	switch {
	case sub == "add" && (len(rest) != 1 || *name == ""):
		fs.Usage()
		return usageError{errors.New("feed add takes --name NAME and one URL")}
	case sub == "add" && !directory.ValidFeedName(*name):
		return usageError{fmt.Errorf("feed add: %s is not a feed name: use up to 40 letters, digits, - and _", directory.Quote(*name))}
	case sub == "list" && len(rest) != 0, sub == "sync" && len(rest) > 1:
		fs.Usage()
		return usageError{fmt.Errorf("feed %s: too many arguments", sub)}
	case sub != "add" && sub != "list" && sub != "sync":
		fs.Usage()
		return usageError{fmt.Errorf("feed: unknown command %q", sub)}
	}
	if sub == "add" {
		if _, err := hsds.ServicesURL(rest[0]); err != nil {
			return usageError{fmt.Errorf("feed add: %s", directory.MessageOf(err))}
		}
	}
	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	switch sub {
	case "add":
		if err := a.db.AddFeed(ctx, *name, rest[0]); err != nil {
			return fmt.Errorf("feed add: %s", directory.MessageOrError(err))
		}
		fmt.Fprintf(stdout, "added feed %s; run \"linkway feed sync %s\" to fetch it\n", *name, *name)
		return nil
	case "list":
		return a.listFeeds(ctx, stdout)
	}
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	names := rest
	if len(names) == 0 {
		feeds, err := a.db.Feeds(ctx)
		if err != nil {
			return err
		}
		for _, f := range feeds {
			names = append(names, f.Name)
		}
	}
	failed := 0
	for _, n := range names {
		res, err := a.feedSync(progress).Sync(ctx, n)
		if progress != nil {
			fmt.Fprint(progress, "\r\033[K")
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "feed %s: sync failed, nothing changed: %s\n", n, directory.MessageOrError(err))
			continue
		}
		fmt.Fprintf(stdout, "feed %s: %s\n", n, describeResult(res))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d feeds failed to sync", failed, len(names))
	}
	return nil
}

// feedSync returns a sync of this app's feeds, staged as imports are,
// writing progress to w when it is not nil.
func (a *app) feedSync(w io.Writer) *hsds.FeedSync {
	fs := &hsds.FeedSync{Client: hsds.NewFeedClient(), Store: a.db, Geo: geocoder{a.geo},
		Begin: func(ctx context.Context) (hsds.Staging, error) {
			imp, err := a.beginImport(ctx)
			if err != nil {
				return nil, err // a nil staging must not become a non-nil Staging
			}
			return imp, nil
		}}
	if w != nil {
		var last time.Time
		fs.Progress = func(pages, records int) {
			if time.Since(last) >= 200*time.Millisecond {
				last = time.Now()
				fmt.Fprintf(w, "\rsyncing: %d pages fetched, %d services read", pages, records)
			}
		}
	}
	return fs
}

// describeResult says what a sync did, in a line.
func describeResult(r directory.FeedResult) string {
	switch {
	case r.Error != "":
		return "failed, nothing changed: " + r.Error
	case r.NotModified:
		return "not modified since the last sync"
	}
	return fmt.Sprintf("%d services read from %d pages: %d new, %d updated, %d unchanged, %d withdrawn; %d warnings",
		r.Read, r.Pages, r.Created, r.Updated, r.Unchanged, r.Withdrawn, r.Warnings)
}

func (a *app) listFeeds(ctx context.Context, w io.Writer) error {
	feeds, err := a.db.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		fmt.Fprintln(w, "no feeds; add one with \"linkway feed add --name NAME URL\"")
		return nil
	}
	for _, f := range feeds {
		format := f.Format
		if format == "" {
			format = "format not known yet"
		}
		fmt.Fprintf(w, "%s  %s  (%s)\n", f.Name, f.URL, format)
		if f.Last.At.IsZero() {
			fmt.Fprintln(w, "  never synced")
			continue
		}
		fmt.Fprintf(w, "  last sync %s: %s\n", f.Last.At.Local().Format("2006-01-02 15:04"), describeResult(f.Last))
	}
	return nil
}

// syncDueFeeds syncs each feed whose last sync, whatever its outcome, is
// at least interval old, so that restarting serve does not fetch every
// feed again. Each sync is a job of jobs, so its page shows it, and a
// feed an admin is syncing is left alone. It returns every feed's failure.
func (a *app) syncDueFeeds(ctx context.Context, jobs *hsds.Jobs, interval time.Duration) error {
	feeds, err := a.db.Feeds(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range feeds {
		if ctx.Err() != nil {
			break
		}
		if !f.Last.At.IsZero() && time.Since(f.Last.At) < interval {
			continue
		}
		if err := jobs.RunSync(ctx, f.Name); err != nil {
			errs = append(errs, fmt.Errorf("feed %s: %s", f.Name, directory.MessageOrError(err)))
		}
	}
	return errors.Join(errs...)
}

// feedCheckEvery is how often serve looks for feeds due a sync: often
// enough that a feed is synced within this of being due.
func feedCheckEvery(interval time.Duration) time.Duration {
	return min(interval, time.Hour)
}
