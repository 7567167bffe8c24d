package hsds_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/linkway/linkway/hsds"
)

// BenchmarkReader reads a feed of 10,000 fully nested services (as
// mustWriteFeed writes them) from memory: the cost of the HSDS 3.0
// reader alone, with its mapping, validation and the check for fields
// Linkway does not keep.
func BenchmarkReader(b *testing.B) {
	path := filepath.Join(b.TempDir(), "feed.json")
	mustWriteFeed(b, path, 10_000)
	feed, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(feed)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		rd := hsds.NewReader(bytes.NewReader(feed))
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if rec.Err != nil {
				b.Fatal(rec.Err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "services/s")
}
