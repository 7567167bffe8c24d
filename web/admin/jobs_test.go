package admin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	webadmin "github.com/linkway/linkway/web/admin"
)

// examples is where the Open Referral example files are.
const examples = "../../testdata/openreferral/hsds-3.0-examples"

// orukFeed serves three services over two pages in ORUK v1's shape;
// before each page it waits for gate, when gate is not nil.
func orukFeed(t *testing.T, gate chan struct{}) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gate != nil {
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page") {
		case "1":
			w.Write([]byte(`{"totalElements": 3, "totalPages": 2, "content": [
				{"id": "1", "name": "Lunch club", "status": "active"},
				{"id": "2", "name": "Walking group", "status": "active", "schedules": [{"id": "s", "byday": "Funday", "freq": "WEEKLY"}]}]}`))
		case "2":
			w.Write([]byte(`{"totalElements": 3, "totalPages": 2, "content": [{"id": "3", "name": "Debt advice", "status": "active"}]}`))
		default:
			http.Error(w, "no such page", http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// waitForJob asks the API for job id until it has ended, and returns
// what it last said.
func waitForJob(t *testing.T, fx *webtest.Site, c *http.Client, path string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, body := fx.Call(t, c, "GET", "/api/v1/jobs/"+strings.TrimPrefix(path, "/admin/jobs/"), "")
		if st != http.StatusOK {
			t.Fatalf("GET the job's API: %d %s", st, body)
		}
		j := webtest.Decode[map[string]any](t, body)
		if j["done"] == true {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("the job did not end within 10s: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Sync now starts the sync in the background and shows its job: running,
// then its report; a second Sync now meanwhile shows the same job.
func TestFeedSyncJob(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")
	gate := make(chan struct{})
	feed := orukFeed(t, gate)
	if err := fx.DB.AddFeed(context.Background(), "leeds", feed.URL+"/o/ServiceDirectoryService/v2"); err != nil {
		t.Fatal(err)
	}

	_, body := fx.Call(t, admin, "GET", "/admin/feeds", "")
	if want := `<form method="post" action="/admin/feeds/leeds/sync" class="inline-form"><button type="submit" class="secondary">Sync leeds now</button></form>`; !strings.Contains(body, want) {
		t.Errorf("feeds page lacks the sync button %s", want)
	}

	st, job, _ := fx.Form(t, admin, "/admin/feeds/leeds/sync", nil)
	if st != http.StatusSeeOther || !strings.HasPrefix(job, "/admin/jobs/") {
		t.Fatalf("POST sync = %d to %q, want a redirect to the job", st, job)
	}
	if n := fx.AuditCount(t, "feed.sync", "feed leeds, job "); n != 1 {
		t.Errorf("%d audit entries for the sync, want 1", n)
	}
	// The feed has not answered yet: the job is running.
	st, body = fx.Call(t, admin, "GET", job, "")
	for _, want := range []string{
		"<h1>Sync of feed leeds</h1>",
		`<label for="job-progress">Progress</label>`,
		`<progress id="job-progress">`,
		`<p id="job-status" role="status" class="visually-hidden"></p>`,
		`<noscript><meta http-equiv="refresh" content="5"></noscript>`,
		`Running: `,
	} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("the running job's page (%d) lacks %s", st, want)
		}
	}
	st, again, _ := fx.Form(t, admin, "/admin/feeds/leeds/sync", nil)
	if st != http.StatusSeeOther || again != job+"?already=running" {
		t.Errorf("a second Sync now = %d to %q, want the running job %s", st, again, job)
	}
	if _, body := fx.Call(t, admin, "GET", again, ""); !strings.Contains(body, "This feed was already being synced") {
		t.Error("the running job's page does not say it was already running")
	}

	close(gate)
	j := waitForJob(t, fx, admin, job)
	if j["state"] != "succeeded" || j["pages"] != 2.0 || j["summary"] != "Finished: 3 records read; 3 added, 0 updated, 0 removed, 0 invalid." {
		t.Errorf("the finished job = %v", j)
	}
	st, body = fx.Call(t, admin, "GET", job, "")
	for _, want := range []string{
		"Finished: 3 records read; 3 added",
		"<dt>Added</dt><dd>3</dd>",
		"<dt>Removed</dt><dd>0</dd>",
		"<dt>Warnings</dt><dd>1</dd>",
		"<h2>Problems</h2>",
		`<li>warning: record 2 (id &#34;2&#34;): schedules: `,
	} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("the finished job's page (%d) lacks %s", st, want)
		}
	}
	if strings.Contains(body, "http-equiv") || strings.Contains(body, "<progress") {
		t.Error("the finished job's page still refreshes or shows progress")
	}
	if s := fx.Listing(t, "leeds:3"); s.Name != "Debt advice" {
		t.Errorf("leeds:3 = %q", s.Name)
	}
	// The feeds page shows the sync's outcome too.
	if _, body := fx.Call(t, admin, "GET", "/admin/feeds", ""); !strings.Contains(body, "<td>3</td><td>3</td><td>0</td><td>0</td><td>1</td><td>None</td>") {
		t.Error("the feeds page does not show the sync")
	}
}

// What is not a feed, not a job or not an admin's is a clear 404.
func TestJobsRefused(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")
	if st, _, body := fx.Form(t, admin, "/admin/feeds/york/sync", nil); st != http.StatusNotFound || !strings.Contains(body, "no feed is called") {
		t.Errorf("sync of an unknown feed = %d %s", st, body)
	}
	for _, path := range []string{"/admin/jobs/1", "/admin/jobs/x", "/api/v1/jobs/1", "/api/v1/jobs/99999999999999999999"} {
		if st, _ := fx.Call(t, admin, "GET", path, ""); st != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, st)
		}
	}
	if err := fx.DB.AddFeed(context.Background(), "leeds", orukFeed(t, nil).URL); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"north@example.org", "editor@example.org"} {
		c := fx.As(t, email)
		if st, _, _ := fx.Form(t, c, "/admin/feeds/leeds/sync", nil); st != http.StatusNotFound {
			t.Errorf("%s: sync = %d, want 404", email, st)
		}
		if st, body := fx.Call(t, c, "GET", "/admin/import", ""); st != http.StatusNotFound || strings.Contains(body, "Import a file") {
			t.Errorf("%s: GET /admin/import = %d", email, st)
		}
	}
	if n := fx.AuditCount(t, "feed.sync", ""); n != 0 {
		t.Errorf("%d syncs audited, want none", n)
	}
	// A form from another site is refused.
	req, _ := http.NewRequest("POST", fx.TS.URL+"/admin/feeds/leeds/sync", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := admin.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-site sync: %v %v, want 403", resp.StatusCode, err)
	}
}

// upload posts a file to the import form as a browser would, and returns
// the status, the Location header and the body.
func upload(t *testing.T, fx *webtest.Site, c *http.Client, name string, content []byte) (int, string, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, err := http.NewRequest("POST", fx.TS.URL+"/admin/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", fx.TS.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// An uploaded HSDS 3.0 file, and a data package as a .zip, are imported
// in the background as the import command imports them, with a report.
func TestImportJob(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")
	st, body := fx.Call(t, admin, "GET", "/admin/import", "")
	for _, want := range []string{`enctype="multipart/form-data"`, `<label for="file">Open Referral file</label>`, `<input type="file" id="file" name="file"`, "Files up to 50 MB"} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("import form (%d) lacks %s", st, want)
		}
	}

	file, err := os.ReadFile(filepath.Join(examples, "service_full.json"))
	if err != nil {
		t.Fatal(err)
	}
	st, job, body := upload(t, fx, admin, "service_full.json", file)
	if st != http.StatusSeeOther || !strings.HasPrefix(job, "/admin/jobs/") {
		t.Fatalf("upload = %d to %q: %s", st, job, body)
	}
	if n := fx.AuditCount(t, "import.start", `file "service_full.json", job `); n != 1 {
		t.Errorf("%d audit entries for the import, want 1", n)
	}
	if j := waitForJob(t, fx, admin, job); j["state"] != "succeeded" || j["kind"] != "import" || j["subject"] != "service_full.json" {
		t.Fatalf("the import = %v", j)
	}
	_, body = fx.Call(t, admin, "GET", job, "")
	for _, want := range []string{"<h1>Import of service_full.json</h1>", "Finished: ", "<dt>Added</dt><dd>1</dd>", "<dt>Invalid</dt><dd>0</dd>", `<a href="/admin/import">Back to Import a file</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the import's page lacks %s", want)
		}
	}
	if s := fx.Listing(t, "ac148810-d857-441c-9679-408f346de14b"); s.Name != "Community Counselling" {
		t.Errorf("the imported service = %q", s.Name)
	}

	// The example data package, zipped.
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	tables, _ := filepath.Glob(filepath.Join(examples, "csv", "*"))
	for _, p := range tables {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(filepath.Base(p))
		w.Write(b)
	}
	zw.Close()
	st, job, body = upload(t, fx, admin, "C:\\Users\\admin\\package.zip", zipped.Bytes())
	if st != http.StatusSeeOther {
		t.Fatalf("zip upload = %d: %s", st, body)
	}
	if j := waitForJob(t, fx, admin, job); j["state"] != "succeeded" || j["subject"] != "package.zip" {
		t.Errorf("the data package's import = %v", j)
	}
}

// An import with an invalid record changes nothing and lists the
// record; what is not a file Linkway reads, no file, or too big a file
// is refused at once with a message.
func TestImportJobRefusals(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")
	before, err := fx.DB.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bad := `[{"id": "ok", "name": "Lunch club", "status": "active"}, {"id": "bad", "status": "active"}]`
	st, job, body := upload(t, fx, admin, "bad.json", []byte(bad))
	if st != http.StatusSeeOther {
		t.Fatalf("upload = %d: %s", st, body)
	}
	if j := waitForJob(t, fx, admin, job); j["state"] != "failed" || !strings.HasPrefix(j["summary"].(string), "Failed, nothing changed: 1 invalid record(s)") {
		t.Errorf("the import of an invalid record = %v", j)
	}
	_, body = fx.Call(t, admin, "GET", job, "")
	for _, want := range []string{"<strong>Nothing was changed.</strong>", "<dt>Invalid</dt><dd>1</dd>", `error: record 2 (id &#34;bad&#34;): name`} {
		if !strings.Contains(body, want) {
			t.Errorf("the failed import's page lacks %s", want)
		}
	}
	if after, _ := fx.DB.Stats(context.Background()); after.Services != before.Services {
		t.Errorf("a failed import changed the directory: %d services, had %d", after.Services, before.Services)
	}
	if _, err := fx.DB.Service(context.Background(), "ok"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("the valid record of a failed import was imported: %v", err)
	}

	// A file that is not JSON at all is found out as it is read: the job
	// fails and says so.
	_, job, _ = upload(t, fx, admin, "notes.txt", []byte("hello, this is not JSON"))
	if j := waitForJob(t, fx, admin, job); j["state"] != "failed" || !strings.Contains(j["summary"].(string), "JSON") {
		t.Errorf("the import of a text file = %v", j)
	}

	for _, c := range []struct {
		name    string
		content []byte
		status  int
		msg     string
	}{
		{"", nil, http.StatusBadRequest, "Choose a file to import."},
		{"empty.json", nil, http.StatusBadRequest, "The file &#34;empty.json&#34; is empty."},
		{"services.csv", []byte("id,name\n1,Lunch club\n"), http.StatusBadRequest, "services.csv is one CSV table"},
		{"huge.json", bytes.Repeat([]byte(" "), webadmin.MaxUpload+1), http.StatusRequestEntityTooLarge, "The file is larger than 50 MB"},
	} {
		st, _, body := upload(t, fx, admin, c.name, c.content)
		if st != c.status || !strings.Contains(body, c.msg) || !strings.Contains(body, `<input type="file" id="file" name="file"`) {
			t.Errorf("upload of %q = %d, want %d with %q and the form again:\n%s", c.name, st, c.status, c.msg, body)
		}
		if strings.Contains(body, os.TempDir()) {
			t.Errorf("upload of %q: the message shows where the upload was kept", c.name)
		}
	}
	if n := fx.AuditCount(t, "import.start", ""); n != 2 {
		t.Errorf("%d imports audited, want the 2 that started", n)
	}
}
