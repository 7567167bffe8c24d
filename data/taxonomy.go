package data

import (
	"encoding/json"
	"fmt"
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
