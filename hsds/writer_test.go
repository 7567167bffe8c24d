package hsds_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

func readServices(tb testing.TB, r io.Reader) []*directory.Service {
	tb.Helper()
	rd := hsds.NewReader(r)
	var out []*directory.Service
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		if rec.Err != nil {
			tb.Fatalf("%v", rec.Err)
		}
		out = append(out, rec.Service)
	}
}

// TestWriteReadRoundTrip writes services as HSDS and reads them back
// unchanged: export is the inverse of import.
func TestWriteReadRoundTrip(t *testing.T) {
	for _, name := range []string{"../web/testdata/services.json", "../indexer/testdata/directory.json", "../data/demo/leeds.json"} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want := readServices(t, f)
			var buf bytes.Buffer
			w := hsds.NewArrayWriter(&buf)
			for _, s := range want {
				if err := w.Write(s); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := readServices(t, &buf)
			if len(got) != len(want) {
				t.Fatalf("read back %d services, want %d", len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("service %s differs after a round trip:\n got %+v\nwant %+v", want[i].ID, got[i], want[i])
				}
			}
		})
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := hsds.NewArrayWriter(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("empty export = %q", buf.String())
	}
}
