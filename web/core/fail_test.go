package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"
)

// statusRecorder notes the status a handler wrote; 0 when it wrote none.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// failFixture is a server whose test routes fail: /test/… through Fail,
// /api/v1/test/… through FailJSON.
type failFixture struct {
	ts      *httptest.Server
	logs    bytes.Buffer
	entered chan struct{} // a /hang-up request got in
	written chan int      // the status a failing route wrote, once it has
}

func mustFailServer(tb testing.TB) *failFixture {
	tb.Helper()
	f := &failFixture{entered: make(chan struct{}, 1), written: make(chan int, 1)}
	// route fails with the error cause returns, after a pause until the
	// client hangs up when wait is set.
	route := func(fail func(http.ResponseWriter, *http.Request, error), wait bool, cause func(*http.Request) error) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if wait {
				f.entered <- struct{}{}
				<-r.Context().Done()
			}
			rec := &statusRecorder{ResponseWriter: w}
			fail(rec, r, cause(r))
			f.written <- rec.status
		})
	}
	hungUp := func(r *http.Request) error { return fmt.Errorf("web: search: %w", r.Context().Err()) }
	broken := func(*http.Request) error { return errors.New("web: the disk is on fire") }
	// A cancellation of our own, such as a job's context, while the
	// client is still there: a fault, not a hang-up.
	cancelled := func(*http.Request) error { return fmt.Errorf("web: search: %w", context.Canceled) }
	s := mustSite(tb, func(c *Config) { c.Log = slog.New(slog.NewTextHandler(&f.logs, nil)) })
	r := mux.NewRouter()
	for prefix, fail := range map[string]func(http.ResponseWriter, *http.Request, error){"/test": s.Fail, "/api/v1/test": s.FailJSON} {
		r.Handle(prefix+"/hang-up", route(fail, true, hungUp))
		r.Handle(prefix+"/broken", route(fail, false, broken))
		r.Handle(prefix+"/cancelled", route(fail, false, cancelled))
	}
	f.ts = httptest.NewServer(r)
	tb.Cleanup(f.ts.Close)
	return f
}

// wait returns the status the failing route wrote.
func (f *failFixture) wait(tb testing.TB) int {
	tb.Helper()
	select {
	case s := <-f.written:
		return s
	case <-time.After(30 * time.Second): // a guard against hanging, not a measurement
		tb.Fatal("the failing route never finished")
		return 0
	}
}

func TestClientHangUpIsNotAnError(t *testing.T) {
	f := mustFailServer(t)
	for _, prefix := range []string{"/test", "/api/v1/test"} {
		t.Run(prefix, func(t *testing.T) {
			f.logs.Reset()
			ctx, hangUp := context.WithCancel(context.Background())
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.ts.URL+prefix+"/hang-up", nil)
			if err != nil {
				t.Fatal(err)
			}
			go func() {
				if resp, err := f.ts.Client().Do(req); err == nil {
					resp.Body.Close()
				}
			}()
			<-f.entered
			hangUp()
			if status := f.wait(t); status != 0 {
				t.Errorf("after the client hung up the server wrote %d, want nothing", status)
			}
			logs := f.logs.String()
			if !strings.Contains(logs, `level=INFO msg="client went away"`) || strings.Contains(logs, "level=ERROR") {
				t.Errorf("logs = %q, want one INFO line saying the client went away and no ERROR", logs)
			}
		})
	}
}

// TestInternalErrorsStillFail shows the hang-up check looks at the
// request, not the error: faults on a live request are still 500s.
func TestInternalErrorsStillFail(t *testing.T) {
	f := mustFailServer(t)
	for _, path := range []string{"/test/broken", "/test/cancelled", "/api/v1/test/broken", "/api/v1/test/cancelled"} {
		t.Run(path, func(t *testing.T) {
			f.logs.Reset()
			r := do(t, f.ts.Client(), http.MethodGet, f.ts.URL+path)
			if status := f.wait(t); status != http.StatusInternalServerError || r.status != http.StatusInternalServerError {
				t.Errorf("GET %s = %d (written %d), want 500", path, r.status, status)
			}
			logs := f.logs.String()
			if !strings.Contains(logs, `level=ERROR msg="request failed"`) || strings.Contains(logs, "client went away") {
				t.Errorf("logs = %q, want an ERROR line and no hang-up", logs)
			}
		})
	}
}
