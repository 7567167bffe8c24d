package admin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/web/core"
)

// Long work started from these pages, a feed sync or an import of an
// uploaded file, runs in the background as a job (hsds.Jobs). The page
// that starts one redirects to the job's page, which shows its progress
// and, once it has ended, its report.

// Jobs runs the syncs and imports admins start.
type Jobs interface {
	// StartSync starts a sync of the feed called name for the user by;
	// when that feed is being synced already it returns that job, with
	// started false.
	StartSync(ctx context.Context, name string, by int64) (id int64, started bool, err error)
	// StartImport starts an import of src, read from the file called
	// name of size bytes, for the user by; done is called when it ends.
	StartImport(ctx context.Context, name string, size int64, src hsds.Source, done func(), by int64) (int64, error)
}

// MaxUpload bounds the file an admin may upload to import: a county's
// directory as JSON is a few megabytes. Bigger feeds are imported with
// the import command.
const MaxUpload = 50 << 20

// handleFeedSync starts a sync of a feed, or finds the one running, and
// shows it.
func (h *Handler) handleFeedSync(w http.ResponseWriter, r *http.Request) {
	name := core.PathVar(r, "name")
	if _, err := h.store.Feed(r.Context(), name); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	id, started, err := h.jobs.StartSync(r.Context(), name, core.CurrentUser(r).ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if !started {
		core.SeeOther(w, r, fmt.Sprintf("/admin/jobs/%d?already=running", id))
		return
	}
	if err := h.site.Audit(r, "feed.sync", "", fmt.Sprintf("feed %s, job %d", name, id)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, fmt.Sprintf("/admin/jobs/%d", id))
}

// importPage is the upload form, with what was wrong with the last try.
type importPage struct {
	MaxMB int
	Error string
}

func (h *Handler) handleImportForm(w http.ResponseWriter, r *http.Request) {
	h.site.RenderPrivate(w, r, http.StatusOK, "import", "Import a file", importPage{MaxMB: MaxUpload >> 20})
}

// handleImport takes an uploaded Open Referral file, checks that it is
// one Linkway reads, and starts importing it in the background, all or
// nothing, as the import command does.
func (h *Handler) handleImport(w http.ResponseWriter, r *http.Request) {
	refuse := func(status int, msg string) {
		h.site.RenderPrivate(w, r, status, "import", "Import a file", importPage{MaxMB: MaxUpload >> 20, Error: msg})
	}
	up, err := receiveUpload(w, r)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		refuse(http.StatusRequestEntityTooLarge, fmt.Sprintf("The file is larger than %d MB, the most this page takes. Import it with the linkway import command instead.", MaxUpload>>20))
		return
	case directory.KindOf(err) == directory.Invalid:
		refuse(http.StatusBadRequest, directory.MessageOf(err))
		return
	case err != nil:
		h.site.Fail(w, r, err)
		return
	}
	src, closer, err := hsds.Open(up.path, hsds.FormatAuto)
	if err != nil {
		up.remove()
		if directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		refuse(http.StatusBadRequest, "Linkway cannot import this file: "+up.hide(directory.MessageOf(err)))
		return
	}
	done := func() { closer.Close(); up.remove() }
	id, err := h.jobs.StartImport(r.Context(), up.name, up.size, src, done, core.CurrentUser(r).ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "import.start", "", fmt.Sprintf("file %s, job %d", directory.Quote(up.name), id)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, fmt.Sprintf("/admin/jobs/%d", id))
}

// upload is a file received from the import form, kept in a folder of
// its own under its own name, so that what the importer says of it names
// the admin's file.
type upload struct {
	dir, path, name string
	size            int64
}

func (u upload) remove() { os.RemoveAll(u.dir) }

// hide drops the folder the upload is kept in from msg.
func (u upload) hide(msg string) string {
	return strings.ReplaceAll(msg, u.dir+string(filepath.Separator), "")
}

// receiveUpload streams the form's file to disk, refusing more than
// MaxUpload bytes with an *http.MaxBytesError.
func receiveUpload(w http.ResponseWriter, r *http.Request) (upload, error) {
	// The form's other bytes (boundaries, headers) come on top of the file.
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return upload{}, directory.Errorf(directory.Invalid, "Choose a file to import.")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return upload{}, directory.Errorf(directory.Invalid, "Choose a file to import.")
		}
		if err != nil {
			return upload{}, uploadError(err)
		}
		if part.FormName() == "file" && part.FileName() != "" {
			return saveUpload(part)
		}
		part.Close()
	}
}

func saveUpload(part *multipart.Part) (upload, error) {
	dir, err := os.MkdirTemp("", "linkway-upload-")
	if err != nil {
		return upload{}, err
	}
	up := upload{dir: dir, name: uploadName(part.FileName())}
	up.path = filepath.Join(dir, up.name)
	f, err := os.Create(up.path)
	if err == nil {
		up.size, err = io.Copy(f, io.LimitReader(part, MaxUpload+1))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	switch {
	case err != nil:
		up.remove()
		return upload{}, uploadError(err)
	case up.size > MaxUpload:
		up.remove()
		return upload{}, &http.MaxBytesError{Limit: MaxUpload}
	case up.size == 0:
		up.remove()
		return upload{}, directory.Errorf(directory.Invalid, "The file %s is empty.", directory.Quote(up.name))
	}
	return up, nil
}

// uploadError says what went wrong reading the upload: too big, or cut
// off, which a person can try again; anything else is ours.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, multipart.ErrMessageTooLarge) {
		return directory.Errorf(directory.Invalid, "The file did not arrive whole: try again.")
	}
	return fmt.Errorf("admin: receive upload: %w", err)
}

// uploadName is the uploaded file's name made safe to keep on disk and to
// show: its last path element, letters, digits, '.', '-' and '_' only.
func uploadName(given string) string {
	given = given[strings.LastIndexAny(given, `/\`)+1:]
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, given)
	name = strings.TrimLeft(name, ".")
	if len(name) > 100 {
		name = name[len(name)-100:]
	}
	if name == "" {
		return "upload"
	}
	return name
}

// jobPage shows a job: its progress while it runs, its report once done.
type jobPage struct {
	Job     directory.Job
	Heading string
	Summary string
	Started string
	Ended   string
	// Already is set when the admin asked for a sync already running.
	Already bool
	Back    string
	BackTo  string
}

func (h *Handler) handleJob(w http.ResponseWriter, r *http.Request) {
	j, ok := h.job(w, r)
	if !ok {
		return
	}
	p := jobPage{Job: j, Heading: jobHeading(j), Summary: jobSummary(j), Started: h.when(j.StartedAt), Ended: h.when(j.FinishedAt),
		Already: r.URL.Query().Get("already") == "running" && !j.Done(), Back: "/admin/feeds", BackTo: "Live feeds"}
	if j.Kind == directory.JobImport {
		p.Back, p.BackTo = "/admin/import", "Import a file"
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "job", p.Heading, p)
}

// jobJSON is a job as the API gives it, for the job page's script.
type jobJSON struct {
	ID       int64              `json:"id"`
	Kind     directory.JobKind  `json:"kind"`
	Subject  string             `json:"subject"`
	State    directory.JobState `json:"state"`
	Done     bool               `json:"done"`
	Summary  string             `json:"summary"`
	Pages    int                `json:"pages"`
	Records  int                `json:"records"`
	Read     int64              `json:"bytes_read"`
	Size     int64              `json:"size"`
	Applying bool               `json:"applying"`
}

func (h *Handler) handleAPIJob(w http.ResponseWriter, r *http.Request) {
	j, ok := h.job(w, r)
	if !ok {
		return
	}
	p := j.Progress
	core.WriteJSON(w, http.StatusOK, jobJSON{ID: j.ID, Kind: j.Kind, Subject: j.Subject, State: j.State, Done: j.Done(), Summary: jobSummary(j),
		Pages: p.Pages, Records: p.Records, Read: p.Read, Size: p.Size, Applying: p.Applying})
}

// job reads the job the path names, answering 404 when there is none.
func (h *Handler) job(w http.ResponseWriter, r *http.Request) (directory.Job, bool) {
	id, err := strconv.ParseInt(core.PathVar(r, "id"), 10, 64)
	if err != nil {
		h.site.FailAny(w, r, directory.Errorf(directory.NotFound, "There is no such job."))
		return directory.Job{}, false
	}
	j, err := h.store.Job(r.Context(), id)
	if err != nil {
		h.site.FailAny(w, r, err)
		return j, false
	}
	return j, true
}

func jobHeading(j directory.Job) string {
	if j.Kind == directory.JobFeedSync {
		return "Sync of feed " + j.Subject
	}
	return "Import of " + j.Subject
}

// jobSummary says in a sentence where a job is: what the page's live
// region announces.
func jobSummary(j directory.Job) string {
	p, rep := j.Progress, j.Report
	switch j.State {
	case directory.JobRunning:
		switch {
		case p.Applying:
			return fmt.Sprintf("Running: all %s read and checked; applying the changes.", plural(p.Records, "record"))
		case j.Kind == directory.JobFeedSync:
			return fmt.Sprintf("Running: %s fetched, %s read so far.", plural(p.Pages, "page"), plural(p.Records, "record"))
		case p.Size > 0:
			return fmt.Sprintf("Running: %s read so far, %d%% of the file.", plural(p.Records, "record"), 100*p.Read/p.Size)
		}
		return fmt.Sprintf("Running: %s read so far.", plural(p.Records, "record"))
	case directory.JobSucceeded:
		if rep.NotModified {
			return "Finished: the feed said nothing had changed since the last sync."
		}
		return fmt.Sprintf("Finished: %s read; %d added, %d updated, %d removed, %d invalid.", plural(rep.Read, "record"), rep.Added, rep.Updated, rep.Removed, rep.Invalid)
	case directory.JobInterrupted:
		return "Interrupted, nothing changed: " + rep.Error
	}
	return "Failed, nothing changed: " + firstLine(rep.Error)
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
