package sqlite

import (
	"context"
	"strings"
)

// TermParents maps every taxonomy term that has a broader term to that
// term's id: the hierarchy the search index follows so that a filter on
// a term finds services tagged with any narrower term.
//
// Some feeds name only the top of a coded taxonomy as the parent: the
// Miami 211 export files BD-1800.2000-640 under B, not BD-1800.2000. A
// term's parent is then the nearest term whose code its own code
// extends (see codeParent), below the parent the feed gave. A term the
// feed gives no parent stays at the top: ids such as food and food-bank
// are not read as codes.
func (db *DB) TermParents(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, code, parent_id FROM taxonomy_term`)
	if err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	defer rows.Close()
	type term struct{ id, code, parent string }
	var terms []term
	byCode := map[string]string{} // code (or id, for a term without one) → id
	for rows.Next() {
		var t term
		if err := rows.Scan(&t.id, &t.code, &t.parent); err != nil {
			return nil, translate(err, "taxonomy term")
		}
		if t.code == "" {
			t.code = t.id
		}
		terms = append(terms, t)
		byCode[t.code] = t.id
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	codes := make(map[string]string, len(terms)) // id → code
	for _, t := range terms {
		codes[t.id] = t.code
	}
	out := map[string]string{}
	for _, t := range terms {
		if t.parent == "" {
			continue
		}
		parent := t.parent
		top, ok := codes[t.parent]
		if !ok {
			top = t.parent
		}
		for c := codeParent(t.code); c != "" && c != top && strings.HasPrefix(c, top); c = codeParent(c) {
			if id, ok := byCode[c]; ok {
				parent = id
				break
			}
		}
		out[t.id] = parent
	}
	return out, nil
}

// codeParent is the code one level up in a coded taxonomy such as the
// AIRS/211 one: BD-1800.2000-640 → BD-1800.2000 → BD-1800 → BD → B.
// It is "" at the top, or for a code not written that way.
func codeParent(code string) string {
	if i := strings.LastIndexAny(code, ".-"); i > 0 {
		return code[:i]
	}
	if len(code) == 2 && isUpperLetters(code) {
		return code[:1]
	}
	return ""
}

func isUpperLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// subtreeServices selects the services tagged with a term or with any
// narrower term at any depth. The index holds each service's terms and
// their broader terms, so a term that is renamed or moved under another
// changes every service beneath it.
const subtreeServices = `
	WITH RECURSIVE subtree(id) AS (
		SELECT ?
		UNION
		SELECT t.id FROM taxonomy_term t JOIN subtree ON t.parent_id = subtree.id
	)
	SELECT DISTINCT service_id FROM service_term WHERE term_id IN (SELECT id FROM subtree)`
