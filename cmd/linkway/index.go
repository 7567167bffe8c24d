package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/matcher"
)

// openIndex opens the search index beside the database, rebuilding it
// when it is missing, corrupt or of another mapping version.
func (a *app) openIndex(ctx context.Context) (*indexer.Index, indexer.OpenInfo, error) {
	ix, info, err := indexer.Open(ctx, filepath.Join(a.dir, "index"), a.db)
	if err != nil {
		return nil, info, err
	}
	f, err := data.FS.Open("concepts.json")
	if err != nil {
		ix.Close()
		return nil, info, err
	}
	defer f.Close()
	if ix.Concepts, err = indexer.LoadConcepts(f); err != nil {
		ix.Close()
		return nil, info, err
	}
	// The classifier that gives services their kinds also reads what a
	// person says in words no concept phrase holds.
	if a.kinds != nil {
		ix.Classify = demoenv.Classifier(a.kinds)
	}
	return ix, info, nil
}

// newMatcher returns a matcher over the index and store, tuned by the
// shipped data/matcher.json.
func (a *app) newMatcher(ix *indexer.Index) (*matcher.Matcher, error) {
	m, err := demoenv.NewMatcher(data.FS, ix, a.db)
	if err != nil {
		return nil, err
	}
	m.Uptake = uptakeOf(a.db)
	return m, nil
}

// uptakeOf feeds the matcher's uptake component from the referrals link
// workers have made, shrinking each service towards the average over the
// candidates (the matcher does the shrinking).
func uptakeOf(db interface {
	UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error)
}) func(ctx context.Context, ids []string) (map[string]matcher.Uptake, float64, error) {
	return func(ctx context.Context, ids []string) (map[string]matcher.Uptake, float64, error) {
		counts, err := db.UptakeByService(ctx, ids)
		if err != nil {
			return nil, 0, err
		}
		out := make(map[string]matcher.Uptake, len(counts))
		referred, taken := 0, 0.0
		for id, c := range counts {
			out[id] = matcher.Uptake{Referred: c.Referred, Accepted: c.Accepted, Attended: c.Attended}
			referred += c.Referred
			taken += float64(c.Accepted+c.Attended) / 2
		}
		avg := 0.5 // no history yet: neither for nor against
		if referred >= casework.SmallNumber {
			avg = taken / float64(referred)
		}
		return out, avg, nil
	}
}

func runReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway reindex --data DIR\n\nRebuilds the search index from the database.")
		fs.PrintDefaults()
	}
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.reclassify(ctx, stderr); err != nil {
		return err
	}
	ix, _, err := a.openIndex(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	st, err := a.db.Stats(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	var progress indexer.Progress
	if isTerminal(stderr) {
		var last time.Time
		progress = func(done int) {
			if time.Since(last) > 200*time.Millisecond {
				last = time.Now()
				fmt.Fprintf(stderr, "\rreindexing: %d of %d services (%.0f%%)", done, st.Services, 100*float64(done)/float64(max(st.Services, 1)))
			}
		}
	}
	if err := ix.Rebuild(ctx, progress); err != nil {
		return err
	}
	if progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	n, _ := ix.DocCount()
	took := time.Since(start)
	fmt.Fprintf(stdout, "reindexed %d services (%d listed) in %s (%.0f services/s)\n", st.Services, n, took.Round(time.Millisecond), float64(st.Services)/took.Seconds())
	return nil
}
