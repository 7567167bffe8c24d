package data

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"

	"github.com/linkway/linkway/directory"
)

// Taxonomy reads taxonomy.json from fsys: Linkway's kinds of support.
func Taxonomy(fsys fs.FS) ([]directory.Term, error) {
	b, err := fs.ReadFile(fsys, "taxonomy.json")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	var doc struct {
		ID    string `json:"id"`
		Terms []struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			Description string `json:"description"`
		} `json:"terms"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("data: taxonomy.json: %w", err)
	}
	terms := make([]directory.Term, len(doc.Terms))
	for i, t := range doc.Terms {
		terms[i] = directory.Term{ID: t.ID, Name: t.Name, Description: t.Description, Taxonomy: doc.ID}
	}
	return terms, nil
}

// Outcodes opens geo/outcode-centroids.csv.gz in fsys, decompressed: the
// centre of every GB postcode district (columns outcode, latitude,
// longitude).
func Outcodes(fsys fs.FS) (io.ReadCloser, error) {
	f, err := fsys.Open("geo/outcode-centroids.csv.gz")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("data: outcode centroids: %w", err)
	}
	return readCloser{zr, f}, nil
}

// readCloser reads the decompressed stream and closes the file under it.
type readCloser struct {
	*gzip.Reader
	file fs.File
}

func (r readCloser) Close() error {
	r.Reader.Close()
	return r.file.Close()
}
