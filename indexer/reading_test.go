package indexer_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
)

// search runs text through the index and returns the result.
func search(tb testing.TB, ix interface {
	Search(context.Context, directory.Query) (directory.Result, error)
}, text string) directory.Result {
	tb.Helper()
	res, err := ix.Search(context.Background(), directory.Query{Text: text, Limit: 20})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestUSAndUKSpellingsMeet: a listing in UK spelling is found by the US
// spelling and the other way round, through the analyzer alone (the
// concept map is switched off, as it lists some spellings itself).
func TestUSAndUKSpellingsMeet(t *testing.T) {
	db := mustStore(t)
	mustPut(t, db, &directory.Service{ID: "talk-uk", Name: "Talking Space", Status: directory.StatusActive,
		Description: "Free counselling programme at the neighbourhood centre."})
	mustPut(t, db, &directory.Service{ID: "clinic-us", Name: "Pediatric Clinic", Status: directory.StatusActive,
		Description: "A program for children and their moms; help with behavior at the community center."})
	ix, _ := mustOpen(t, t.TempDir(), db)
	ix.Concepts = nil
	tests := []struct{ text, want string }{
		{"counseling", "talk-uk"},
		{"program", "talk-uk"},
		{"neighborhood center", "talk-uk"},
		{"paediatric", "clinic-us"},
		{"behaviour", "clinic-us"},
		{"mums", "clinic-us"},
	}
	for _, tt := range tests {
		if got := ids(search(t, ix, tt.text)); !slices.Contains(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %s among them", tt.text, got, tt.want)
		}
	}
}

// TestSynonymPhrases: a phrase finds listings that use its other name,
// whole ("thrift store" finds a charity shop, not every shop).
func TestSynonymPhrases(t *testing.T) {
	db := mustStore(t)
	mustPut(t, db, &directory.Service{ID: "hospice-shop", Name: "Hospice Charity Shop", Status: directory.StatusActive,
		Description: "Second-hand clothes and furniture at low prices."})
	mustPut(t, db, &directory.Service{ID: "bank-shop", Name: "Bank Street Shop", Status: directory.StatusActive,
		Description: "A corner shop."})
	mustPut(t, db, &directory.Service{ID: "pantry", Name: "Trinity Food Bank", Status: directory.StatusActive,
		Description: "Emergency parcels with a voucher."})
	ix, _ := mustOpen(t, t.TempDir(), db)
	ix.Concepts = nil
	if got := ids(search(t, ix, "thrift store")); !slices.Equal(got, []string{"hospice-shop"}) {
		t.Errorf("Search(thrift store) = %v, want [hospice-shop]", got)
	}
	if got := ids(search(t, ix, "food pantry")); !slices.Contains(got, "pantry") {
		t.Errorf("Search(food pantry) = %v, want the food bank", got)
	}
}

// TestTyposCorrected: misspelt words are corrected to the vocabulary of
// the concept map and the index before searching, and Suggest offers the
// corrected words; words the index knows are never changed.
func TestTyposCorrected(t *testing.T) {
	ix, _ := mustOpen(t, t.TempDir(), mustStore(t))
	ctx := context.Background()
	for _, tt := range []struct{ text, wantFirst string }{
		{"befrendin", "befriend"},
		{"loneley", "befriend"},
		{"dementa", "paused"}, // corrected against the index's own terms
	} {
		res, err := ix.Search(ctx, directory.Query{Text: tt.text, IncludeTemporarilyClosed: true, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tt.wantFirst {
			t.Errorf("Search(%q) = %v (words %v), want %s first", tt.text, ids(res), res.Words, tt.wantFirst)
		}
	}
	for _, tt := range []struct {
		text, want string
		ok         bool
	}{
		{"I'm loneley", "I'm lonely", true},
		{"befrendin near Headingley", "befriending near Headingley", true},
		{"lonely walks", "", false},
		{"I couldn't cope", "", false},         // a contraction is not a typo
		{"the bailiffs came round", "", false}, // every word known
	} {
		got, ok := ix.Suggest(ctx, tt.text)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

// TestWordsWithNoSignal: words that say nothing alone are never searched
// nor given back as the words searched; "behind" alone finds nothing,
// though a listing says it.
func TestWordsWithNoSignal(t *testing.T) {
	db := mustStore(t)
	mustPut(t, db, &directory.Service{ID: "worries", Name: "Riverside Rambles", Status: directory.StatusActive,
		Description: "Leave your worries behind on a gentle walk round the park, here every week."})
	ix, _ := mustOpen(t, t.TempDir(), db)
	for _, tt := range []struct{ text, never string }{
		{"I'm behind on the rent", "behind"},
		{"I don't know anyone round here", "round here know anyone"},
		{"I've been feeling really low this month", "feeling really month"},
	} {
		res := search(t, ix, tt.text)
		for _, w := range strings.Fields(tt.never) {
			if slices.Contains(res.Words, w) {
				t.Errorf("Search(%q) searched %v, with %q", tt.text, res.Words, w)
			}
		}
	}
	if res := search(t, ix, "behind"); res.Total != 0 {
		t.Errorf("Search(behind) = %v, want nothing", ids(res))
	}
	if res := search(t, ix, "behind on the rent"); slices.Contains(ids(res), "worries") {
		t.Errorf("Search(behind on the rent) finds the walk that leaves worries behind: %v", ids(res))
	}
}

// TestCommonWordsCarryNoSignal: a word most listings use is not searched
// beside words that say more, but is when it is all the person said.
func TestCommonWordsCarryNoSignal(t *testing.T) {
	db := mustStore(t)
	for i := range 120 {
		mustPut(t, db, &directory.Service{ID: fmt.Sprintf("cafe-%03d", i), Name: fmt.Sprintf("Wellbeing Cafe %d", i),
			Status: directory.StatusActive, Description: "A wellbeing cafe with tea."})
	}
	mustPut(t, db, &directory.Service{ID: "plot", Name: "Allotment Wellbeing", Status: directory.StatusActive,
		Description: "Wellbeing through growing vegetables on an allotment."})
	ix, _ := mustOpen(t, t.TempDir(), db)
	ix.Concepts = nil
	res := search(t, ix, "wellbeing allotment")
	if !slices.Equal(res.Words, []string{"allotment"}) {
		t.Errorf("Search(wellbeing allotment) searched %v, want [allotment]", res.Words)
	}
	if res.Total != 1 {
		t.Errorf("Search(wellbeing allotment) found %d, want the allotment alone", res.Total)
	}
	if res := search(t, ix, "wellbeing"); !slices.Equal(res.Words, []string{"wellbeing"}) || res.Total < 100 {
		t.Errorf("Search(wellbeing) searched %v and found %d, want the word and the cafes", res.Words, res.Total)
	}
}
