package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// mustImportFile imports the HSDS file data into db in one transaction.
func mustImportFile(tb testing.TB, db *sqlite.DB, data []byte) hsds.Report {
	tb.Helper()
	var rep hsds.Report
	err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		var err error
		rep, err = (&hsds.Importer{}).Import(context.Background(), bytes.NewReader(data), tx)
		return err
	})
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	return rep
}

// Importing a file a second time is a no-op: every service is reported
// unchanged and no row of any table differs, not even a timestamp.
func TestImportSameFileTwice(t *testing.T) {
	examples := filepath.Join("..", "testdata", "openreferral")
	tests := []struct {
		path     string
		services int
	}{
		{filepath.Join("testdata", "services.json"), 5},
		{filepath.Join(examples, "hsds-3.0-examples", "service_full.json"), 1},
		{filepath.Join(examples, "hsds-3.0-examples", "service_list.json"), 1},
		{filepath.Join(examples, "oruk-3.0-uk-profile-examples", "service_full.json"), 1},
		{filepath.Join(examples, "oruk-3.0-uk-profile-examples", "service_list.json"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			db := mustOpenDB(t)
			// Each transaction sees a later time, so any rewrite shows.
			clock := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }

			rep := mustImportFile(t, db, data)
			if rep.Created != tt.services || rep.Updated != 0 || rep.Unchanged != 0 {
				t.Errorf("first import = %+v, want %d created", rep, tt.services)
			}
			before := mustDumpTables(t, db)
			seq := mustMaxSeq(t, db)
			if seq != int64(tt.services) {
				t.Errorf("first import logged %d changes, want %d", seq, tt.services)
			}

			rep = mustImportFile(t, db, data)
			if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != tt.services {
				t.Errorf("second import = %+v, want %d unchanged", rep, tt.services)
			}
			for _, d := range diffTables(before, mustDumpTables(t, db)) {
				t.Error(d)
			}
			if got := mustMaxSeq(t, db); got != seq {
				t.Errorf("second import logged up to seq %d, want %d", got, seq)
			}
		})
	}
}

// Changing one record of a feed updates that service alone; changing a
// shared venue in one record logs every service that meets there.
func TestImportEditedFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "services.json"))
	if err != nil {
		t.Fatal(err)
	}
	db := mustOpenDB(t)
	mustImportFile(t, db, data)
	seq := mustMaxSeq(t, db)

	edited := bytes.Replace(data, []byte("Closed while the kitchen is refitted"), []byte("Open again in June"), 1)
	rep := mustImportFile(t, db, edited)
	if rep.Updated != 1 || rep.Unchanged != 4 {
		t.Errorf("import with one edit = %+v, want 1 updated, 4 unchanged", rep)
	}
	if ids := mustChangedIDs(t, db, seq); len(ids) != 1 || ids[0] != "lunch-club" {
		t.Errorf("changes = %v, want lunch-club", ids)
	}

	// The hall appears in two records; renaming it in the first is a
	// change to both services (the second record, itself unchanged, is
	// not written again).
	seq = mustMaxSeq(t, db)
	renamed := bytes.Replace(edited, []byte(`"name": "Hyde Park Hall",`), []byte(`"name": "Hyde Park Community Hall",`), 1)
	if bytes.Equal(renamed, edited) {
		t.Fatal("test data changed: the hall's name was not found")
	}
	mustImportFile(t, db, renamed)
	ids := mustChangedIDs(t, db, seq)
	if !contains(ids, "5e0c7a1e-3b1f-4c61-9d2a-0f6f3c1a0001") || !contains(ids, "10234") {
		t.Errorf("changes after renaming the shared hall = %v, want both services there", ids)
	}
}

// A service read back from the store and saved unchanged (as an edit form
// that changes nothing would) writes nothing and logs no change.
func TestReadBackServiceIsUnchanged(t *testing.T) {
	db := mustOpenDB(t)
	data, err := os.ReadFile(filepath.Join("testdata", "services.json"))
	if err != nil {
		t.Fatal(err)
	}
	mustImportFile(t, db, data)
	seq := mustMaxSeq(t, db)
	err = db.EachService(context.Background(), 100, func(list []*directory.Service) error {
		for _, s := range list {
			if changed := mustPut(t, db, s); changed[0] {
				t.Errorf("service %s read back and saved counts as changed", s.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := mustMaxSeq(t, db); after != seq {
		t.Errorf("change log moved from %d to %d", seq, after)
	}
}
