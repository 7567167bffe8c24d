package storedoc

import (
	"strings"

	"github.com/linkway/linkway/directory"
)

// TermRow is what resolving a taxonomy's hierarchy needs of a stored term.
type TermRow struct{ ID, Code, ParentID string }

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
func TermParents(terms []TermRow) map[string]string {
	byCode := map[string]string{}                // code (or id, for a term without one) → id
	codes := make(map[string]string, len(terms)) // id → code
	for i := range terms {
		t := &terms[i]
		if t.Code == "" {
			t.Code = t.ID
		}
		byCode[t.Code] = t.ID
		codes[t.ID] = t.Code
	}
	out := map[string]string{}
	for _, t := range terms {
		if t.ParentID == "" {
			continue
		}
		parent := t.ParentID
		top, ok := codes[t.ParentID]
		if !ok {
			top = t.ParentID
		}
		for c := codeParent(t.Code); c != "" && c != top && strings.HasPrefix(c, top); c = codeParent(c) {
			if id, ok := byCode[c]; ok {
				parent = id
				break
			}
		}
		out[t.ID] = parent
	}
	return out
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

// TermColumns lists a term's columns in the order TermFields scans them,
// each qualified by table.
func TermColumns(table string) string {
	cols := []string{"id", "name", "description", "taxonomy", "parent_id", "code", "uri", "version"}
	for i, c := range cols {
		cols[i] = table + "." + c
	}
	return strings.Join(cols, ", ")
}

// TermFields are the scan targets for TermColumns.
func TermFields(t *directory.Term) []any {
	return []any{&t.ID, &t.Name, &t.Description, &t.Taxonomy, &t.ParentID, &t.Code, &t.URI, &t.Version}
}
