package hsds

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/linkway/linkway/directory"
)

// JobStore records background jobs (sqlite.DB is one).
type JobStore interface {
	// StartJob records j as running; a second sync of a feed being
	// synced is a Conflict.
	StartJob(ctx context.Context, j directory.Job) (int64, error)
	RunningJob(ctx context.Context, kind directory.JobKind, subject string) (directory.Job, error)
	SaveJobProgress(ctx context.Context, id int64, p directory.JobProgress) error
	FinishJob(ctx context.Context, id int64, state directory.JobState, r directory.JobReport) error
}

// SyncFunc syncs the feed called name as [FeedSync.Sync] does, with
// progress and sink as FeedSync's Progress and Sink.
type SyncFunc func(ctx context.Context, name string, progress func(pages, records int), sink func(Issue)) (directory.FeedResult, error)

// ImportFunc imports src all or nothing, as the import command does:
// progress is called as records are read (the bytes read so far beside
// them), applying once they are being applied, and sink with every
// warning and error.
type ImportFunc func(ctx context.Context, src Source, progress func(records int, offset int64), applying func(), sink func(Issue)) (Report, error)

// Jobs runs feed syncs and imports in the background, each recorded as
// a [directory.Job] whose progress is saved as it goes and whose report
// is saved when it ends, so that a page can show both.
type Jobs struct {
	store  JobStore
	sync   SyncFunc
	imp    ImportFunc
	log    *slog.Logger
	ctx    context.Context // the jobs' lifetime: Close ends it
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// SaveEvery is how often a running job's progress is saved (default
	// a quarter of a second): often enough for a page that looks every
	// second or two, rarely enough to cost nothing.
	SaveEvery time.Duration
}

// NewJobs returns a runner of syncs and imports; log receives what
// could not be recorded. Close it before closing the store.
func NewJobs(store JobStore, sync SyncFunc, imp ImportFunc, log *slog.Logger) *Jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &Jobs{store: store, sync: sync, imp: imp, log: log, ctx: ctx, cancel: cancel, SaveEvery: 250 * time.Millisecond}
}

// Close stops the running jobs and waits for them to record how they
// ended: being all or nothing, a stopped one changed nothing.
func (j *Jobs) Close() {
	j.cancel()
	j.wg.Wait()
}

// StartSync starts a sync of the feed called name for the user by and
// returns its job's id. When the feed is being synced already it returns
// that job's id instead, with started false.
func (j *Jobs) StartSync(ctx context.Context, name string, by int64) (id int64, started bool, err error) {
	id, err = j.store.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: name, StartedBy: by})
	if directory.KindOf(err) == directory.Conflict {
		running, rerr := j.store.RunningJob(ctx, directory.JobFeedSync, name)
		if rerr == nil {
			return running.ID, false, nil
		}
		// It ended between the two reads: start again.
		return j.StartSync(ctx, name, by)
	}
	if err != nil {
		return 0, false, err
	}
	j.wg.Go(func() { j.runSync(j.ctx, id, name) })
	return id, true, nil
}

// RunSync syncs the feed called name as a job of the schedule and
// returns once it has ended. A feed being synced already is left alone.
func (j *Jobs) RunSync(ctx context.Context, name string) error {
	id, err := j.store.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: name})
	if directory.KindOf(err) == directory.Conflict {
		return nil
	}
	if err != nil {
		return err
	}
	return j.runSync(ctx, id, name)
}

// StartImport starts an import of src, read from the file called name
// (size bytes long, 0 when not known), for the user by, and returns its
// job's id. The job closes src with done when it ends, or at once when it
// cannot start.
func (j *Jobs) StartImport(ctx context.Context, name string, size int64, src Source, done func(), by int64) (int64, error) {
	id, err := j.store.StartJob(ctx, directory.Job{Kind: directory.JobImport, Subject: name, StartedBy: by})
	if err != nil {
		done()
		return 0, err
	}
	j.wg.Go(func() {
		defer done()
		j.runImport(j.ctx, id, size, src)
	})
	return id, nil
}

func (j *Jobs) runSync(ctx context.Context, id int64, name string) error {
	t := j.tracker(ctx, id, 0)
	res, err := j.sync(ctx, name, func(pages, records int) {
		t.progress(func(p *directory.JobProgress) { p.Pages, p.Records = pages, records })
	}, t.problems.add)
	t.current.Pages = max(t.current.Pages, res.Pages)
	rep := t.problems.report()
	rep.Read, rep.Added, rep.Updated, rep.Unchanged, rep.Removed = res.Read, res.Created, res.Updated, res.Unchanged, res.Withdrawn
	rep.Warnings, rep.NotModified = res.Warnings, res.NotModified
	t.finish(rep, err)
	return err
}

func (j *Jobs) runImport(ctx context.Context, id int64, size int64, src Source) {
	t := j.tracker(ctx, id, size)
	res, err := j.imp(ctx, src, func(records int, offset int64) {
		t.progress(func(p *directory.JobProgress) { p.Records, p.Read = records, offset })
	}, func() {
		t.save(func(p *directory.JobProgress) { p.Applying = true })
	}, t.problems.add)
	rep := t.problems.report()
	rep.Read, rep.Added, rep.Updated, rep.Unchanged = res.Read, res.Created, res.Updated, res.Unchanged
	rep.Warnings = res.Tally.Warnings
	rep.Invalid = max(rep.Invalid, len(res.Skipped))
	t.finish(rep, err)
}

// tracker keeps one job's record up to date as it runs.
type tracker struct {
	j        *Jobs
	ctx      context.Context
	id       int64
	current  directory.JobProgress
	saved    time.Time
	problems problemList
}

func (j *Jobs) tracker(ctx context.Context, id int64, size int64) *tracker {
	return &tracker{j: j, ctx: ctx, id: id, current: directory.JobProgress{Size: size}}
}

// progress changes the job's progress with change, saving it when the
// last save is SaveEvery old.
func (t *tracker) progress(change func(*directory.JobProgress)) {
	change(&t.current)
	if time.Since(t.saved) >= t.j.SaveEvery {
		t.save(func(*directory.JobProgress) {})
	}
}

// save changes the job's progress and saves it now.
func (t *tracker) save(change func(*directory.JobProgress)) {
	change(&t.current)
	t.saved = time.Now()
	if err := t.j.store.SaveJobProgress(t.ctx, t.id, t.current); err != nil && t.ctx.Err() == nil {
		t.j.log.Error("could not save a job's progress", "job", t.id, "err", err)
	}
}

// finish records how the job ended, with its last progress. It is saved
// even when the jobs were stopped: a job that failed then says the work
// was interrupted (one that had finished keeps its report).
func (t *tracker) finish(rep directory.JobReport, err error) {
	stopped := err != nil && t.ctx.Err() != nil
	t.ctx = context.WithoutCancel(t.ctx)
	t.save(func(*directory.JobProgress) {})
	state := directory.JobSucceeded
	switch {
	case stopped:
		state = directory.JobInterrupted
		rep.Error = "Linkway stopped before this finished, so nothing was changed; start it again"
	case err != nil:
		state = directory.JobFailed
		rep.Error = directory.MessageOrError(err)
	}
	if serr := t.j.store.FinishJob(t.ctx, t.id, state, rep); serr != nil {
		t.j.log.Error("could not record how a job ended", "job", t.id, "err", serr)
	}
}

// maxProblems bounds how many warnings and errors a job's report lists:
// enough to fix a file in one go, few enough to read on a page.
const maxProblems = 50

// problemList keeps the first warnings and errors of a job, and counts
// the records that had errors.
type problemList struct {
	lines   []string
	left    int
	invalid map[int]bool
}

func (l *problemList) add(is Issue) {
	if is.Level == Error && is.Index > 0 {
		if l.invalid == nil {
			l.invalid = map[int]bool{}
		}
		l.invalid[is.Index] = true
	}
	if len(l.lines) == maxProblems {
		l.left++
		return
	}
	l.lines = append(l.lines, string(is.Level)+": "+is.Line())
}

func (l *problemList) report() directory.JobReport {
	return directory.JobReport{Problems: l.lines, ProblemsLeft: l.left, Invalid: len(l.invalid)}
}
