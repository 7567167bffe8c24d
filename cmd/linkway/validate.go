package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/linkway/linkway/conformance"
)

const validateUsage = `Usage:
  linkway validate [--json] [--quiet] [--max-requests N] [--timeout D] URL

Checks the Open Referral UK 3.0 API at URL (its root, such as
https://example.org/openreferral) as the ORUK validator does. Level 1: /,
/services and /services/{id} answer JSON, and paging is right on the first,
a middle and the last page (/service_at_locations, /organizations,
/taxonomies and /taxonomy_terms too, where the feed has them). Level 2:
every object read validates against the HSDS 3.0 and UK profile schemas.
Prints a report (--json for machines) and exits with status 1 if the feed
fails. Progress goes to stderr.
`

// errNotConformant is the error of a validate run whose feed failed: the
// report has said why, so main adds only the exit status.
var errNotConformant = errors.New("validate: the feed does not conform to Open Referral UK 3.0")

func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, validateUsage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print the report as JSON")
	quiet := fs.Bool("quiet", false, "print no progress")
	maxRequests := fs.Int("max-requests", 60, "the most requests to make to the feed")
	concurrency := fs.Int("concurrency", 2, "requests in flight at once (1 to 8)")
	timeout := fs.Duration("timeout", 30*time.Second, "the longest to wait for one answer")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return usageError{err}
	}
	switch {
	case len(rest) != 1:
		fs.Usage()
		return usageError{errors.New("validate takes one URL")}
	case *maxRequests < 1:
		return usageError{errors.New("validate: --max-requests must be 1 or more")}
	case *concurrency < 1 || *concurrency > 8:
		return usageError{errors.New("validate: --concurrency must be from 1 to 8, to be polite to the feed")}
	case *timeout <= 0:
		return usageError{errors.New("validate: --timeout must be more than 0")}
	}
	c, err := conformance.NewChecker()
	if err != nil {
		return err
	}
	c.MaxRequests, c.Concurrency, c.Client.Timeout = *maxRequests, *concurrency, *timeout
	if !*quiet {
		c.Progress = stderr
	}
	rep, err := c.Check(ctx, rest[0])
	if err != nil {
		return usageError{err}
	}
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if !rep.Passed {
		return errNotConformant
	}
	return nil
}
