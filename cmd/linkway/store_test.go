package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDatabaseFlag checks that --database takes only PostgreSQL URLs, and
// that $LINKWAY_DATABASE is read when the flag is not given.
func TestDatabaseFlag(t *testing.T) {
	ctx := context.Background()
	var out, errOut bytes.Buffer
	err := run(ctx, []string{"reindex", "--data", t.TempDir(), "--database", "mysql://db/linkway"}, noEnv, nil, &out, &errOut)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("--database mysql://…: %v (exit %d); want a usage error", err, exitCode(err))
	}
	env := func(k string) string {
		if k == "LINKWAY_DATABASE" {
			return "sqlite:x"
		}
		return ""
	}
	err = run(ctx, []string{"reindex", "--data", t.TempDir()}, env, nil, &out, &errOut)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `"sqlite:x"`) {
		t.Errorf("$LINKWAY_DATABASE=sqlite:x: %v (exit %d); want a usage error naming it", err, exitCode(err))
	}
}
