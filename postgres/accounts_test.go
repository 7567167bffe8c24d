package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
)

// TestAuditLogIsAppendOnly checks the triggers: no statement the
// application could send changes or removes an entry.
func TestAuditLogIsAppendOnly(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if err := db.AppendAudit(ctx, casework.AuditEntry{UserID: 1, Action: "person.read", PersonID: "p1"}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'nothing'`,
		`UPDATE audit_log SET person_id = '' WHERE id = 1`,
		`DELETE FROM audit_log`,
		`DELETE FROM audit_log WHERE id = 1`,
		`TRUNCATE audit_log`,
	} {
		if _, err := db.pool.Exec(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: error = %v, want the trigger's refusal", stmt, err)
		}
	}
	list, total, err := db.Audit(ctx, AuditFilter{})
	if err != nil || total != 1 || list[0].Action != "person.read" || list[0].PersonID != "p1" {
		t.Errorf("after refused changes Audit = %+v, %d, %v", list, total, err)
	}
}

// TestSessions checks that the scs store works on the schema's table,
// and that DeleteExpiredSessions removes exactly the expired sessions.
func TestSessions(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	st := db.SessionStore()
	if err := st.Commit("live", []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit("old", []byte("x"), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := st.Find("live"); err != nil || !ok || string(b) != "data" {
		t.Errorf("Find(live) = %q, %v, %v", b, ok, err)
	}
	if _, ok, err := st.Find("old"); err != nil || ok {
		t.Errorf("Find(expired) = %v, %v; want not found", ok, err)
	}
	if err := db.DeleteExpiredSessions(ctx); err != nil {
		t.Fatal(err)
	}
	var tokens []string
	rows, _ := db.pool.Query(ctx, `SELECT token FROM sessions`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tokens = append(tokens, s)
	}
	if rows.Err() != nil || strings.Join(tokens, ",") != "live" {
		t.Errorf("sessions left = %v, %v; want only the live one", tokens, rows.Err())
	}
}
