package directory

import "time"

// JobKind names what a background job does.
type JobKind string

const (
	// JobFeedSync syncs one live feed; its Subject is the feed's name.
	JobFeedSync JobKind = "feed-sync"
	// JobImport imports a file an admin uploaded; its Subject is the
	// file's name as uploaded.
	JobImport JobKind = "import"
)

// JobState is where a job is in its life.
type JobState string

const (
	JobRunning   JobState = "running"
	JobSucceeded JobState = "succeeded"
	JobFailed    JobState = "failed"
	// JobInterrupted is a job that was running when Linkway stopped:
	// being all or nothing, it changed nothing.
	JobInterrupted JobState = "interrupted"
)

// Job is long work started from an admin page (or by the schedule) and
// run in the background: a feed sync or an import. Its record says how
// far it has got and, once done, what it did.
type Job struct {
	ID      int64
	Kind    JobKind
	Subject string
	// StartedBy is the user who started it; 0 for the schedule.
	StartedBy  int64
	State      JobState
	Progress   JobProgress
	Report     JobReport
	StartedAt  time.Time
	FinishedAt time.Time // zero while running
}

// Done reports whether the job has ended, however it ended.
func (j Job) Done() bool { return j.State != JobRunning }

// JobProgress is how far a running job has got.
type JobProgress struct {
	// Pages counts the pages of a feed fetched so far; Records the
	// records read.
	Pages, Records int
	// Read and Size are the bytes of a file read so far and its length,
	// when known (Size 0: not known).
	Read, Size int64
	// Applying is set once everything was read and checked and the
	// changes are being applied.
	Applying bool
}

// JobReport is what a finished job did.
type JobReport struct {
	// Read counts the records read.
	Read int
	// Added, Updated and Unchanged count the services written; Removed
	// those a feed no longer lists, withdrawn.
	Added, Updated, Unchanged, Removed int
	// Invalid counts the records that could not be used; Warnings the
	// values worked around.
	Invalid, Warnings int
	// NotModified is a feed that said nothing had changed.
	NotModified bool
	// Problems are the first of the warnings and errors, one a line,
	// for a person to read; ProblemsLeft how many more there were.
	Problems     []string
	ProblemsLeft int
	// Error says why the job failed and changed nothing ("" when it did
	// not).
	Error string
}
