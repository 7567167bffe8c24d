package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// AuditStore is what the audit suite uses of a store.
type AuditStore interface {
	AppendAudit(ctx context.Context, e casework.AuditEntry) error
	AppendAudits(ctx context.Context, entries []casework.AuditEntry) error
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)
}

// Audit tests the audit log: appending, filtering, paging and counting.
// That it is append-only is for each store's own tests, which can reach
// its tables.
func Audit[S AuditStore](t *testing.T, open Opener[S]) {
	t.Run("Filters", func(t *testing.T) { auditFilters(t, open(t, time.Now)) })
	t.Run("AppendAudits", func(t *testing.T) { appendAudits(t, open(t, time.Now)) })
	t.Run("StampedNow", func(t *testing.T) {
		c := newClock()
		st := open(t, c.now)
		if err := st.AppendAudit(ctx, casework.AuditEntry{UserID: 1, Action: "login"}); err != nil {
			t.Fatal(err)
		}
		if err := st.AppendAudit(ctx, casework.AuditEntry{}); directory.KindOf(err) != directory.Invalid {
			t.Errorf("AppendAudit(no action) error = %v, want Invalid", err)
		}
		if got, n, err := st.Audit(ctx, casework.AuditFilter{}); err != nil || n != 1 || !got[0].At.Equal(c.t) || got[0].ID == 0 {
			t.Errorf("Audit = %+v, %d, %v; want one entry stamped %v", got, n, err, c.t)
		}
	})
}

func auditFilters(t *testing.T, st AuditStore) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	entries := []casework.AuditEntry{
		{At: t0, UserID: 1, Action: "login", Remote: "192.0.2.1"},
		{At: t0.Add(time.Minute), UserID: 1, Action: "person.read", PersonID: "p1"},
		{At: t0.Add(2 * time.Minute), UserID: 2, Action: "person.read", PersonID: "p1"},
		{At: t0.Add(3 * time.Minute), UserID: 2, Action: "person.update", PersonID: "p2", Detail: "status"},
		// Sub-second stamps still sort in time order.
		{At: t0.Add(3*time.Minute + 500*time.Millisecond), UserID: 0, Action: "login.failed"},
	}
	for _, e := range entries {
		if err := st.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		f     casework.AuditFilter
		want  []string // actions, newest first
		total int
	}{
		{"all, newest first", casework.AuditFilter{}, []string{"login.failed", "person.update", "person.read", "person.read", "login"}, 5},
		{"one user", casework.AuditFilter{UserID: 1}, []string{"person.read", "login"}, 2},
		{"one person", casework.AuditFilter{PersonID: "p1"}, []string{"person.read", "person.read"}, 2},
		{"one action", casework.AuditFilter{Action: "person.read", UserID: 2}, []string{"person.read"}, 1},
		{"from inclusive, to exclusive", casework.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []string{"person.read", "person.read"}, 2},
		{"page", casework.AuditFilter{Limit: 2, Offset: 1}, []string{"person.update", "person.read"}, 5},
		{"count up to", casework.AuditFilter{Limit: 1, CountUpTo: 3}, []string{"login.failed"}, 3},
		{"count up to, filtered", casework.AuditFilter{PersonID: "p1", Limit: 1, CountUpTo: 3}, []string{"person.read"}, 2},
		{"nothing", casework.AuditFilter{UserID: 9}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Audit(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Action)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") || total != tt.total {
				t.Errorf("Audit(%+v) = %v (total %d), want %v (total %d)", tt.f, got, total, tt.want, tt.total)
			}
		})
	}
	list, _, _ := st.Audit(ctx, casework.AuditFilter{PersonID: "p2"})
	if len(list) != 1 || !list[0].At.Equal(entries[3].At) || list[0].Detail != "status" || list[0].UserID != 2 || list[0].Action != "person.update" {
		t.Errorf("entry read back = %+v, want %+v", list, entries[3])
	}
	list, _, _ = st.Audit(ctx, casework.AuditFilter{Action: "login"})
	if len(list) != 1 || list[0].Remote != "192.0.2.1" {
		t.Errorf("remote read back = %+v", list)
	}
}

func appendAudits(t *testing.T, st AuditStore) {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	err := st.AppendAudits(ctx, []casework.AuditEntry{
		{At: at, UserID: 3, Action: "inbox.read", PersonID: "p1", Detail: "api r1"},
		{At: at, UserID: 3, Action: "inbox.read", PersonID: "p2", Detail: "api r2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"p1", "p2"} {
		if got, _, _ := st.Audit(ctx, casework.AuditFilter{PersonID: id}); len(got) != 1 || got[0].UserID != 3 || !got[0].At.Equal(at) || got[0].Detail != "api r"+id[1:] {
			t.Errorf("entries for %s: %+v", id, got)
		}
	}
	// One bad entry keeps out the whole batch.
	if err := st.AppendAudits(ctx, []casework.AuditEntry{{Action: "inbox.read", PersonID: "p3"}, {}}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("a batch with an entry without an action: %v, want invalid", err)
	}
	if got, _, _ := st.Audit(ctx, casework.AuditFilter{PersonID: "p3"}); len(got) != 0 {
		t.Errorf("part of a refused batch was kept: %+v", got)
	}
	if err := st.AppendAudits(ctx, nil); err != nil {
		t.Errorf("no entries: %v", err)
	}
}
