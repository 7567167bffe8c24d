package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
)

// OpenReferralStore is the Open Referral API's reads (the consumer's
// interface is web/openreferral.Store) on a store written in
// transactions of T.
type OpenReferralStore[T ListingTx] interface {
	InTx(ctx context.Context, fn func(T) error) error
	ListedServices(ctx context.Context, f directory.ListingFilter) ([]*directory.Service, int, error)
	ListedService(ctx context.Context, id string) (*directory.Service, error)
	ListedServicesAt(ctx context.Context, f directory.ListingFilter) ([]directory.ServiceAt, int, error)
	ListedServiceAt(ctx context.Context, id string) (directory.ServiceAt, error)
	ListedOrganizations(ctx context.Context, search string, limit, offset int) ([]directory.Organization, int, error)
	ListedOrganization(ctx context.Context, id string) (*directory.Organization, error)
	Taxonomies(ctx context.Context) ([]directory.Taxonomy, error)
	FindTerms(ctx context.Context, f directory.TermFilter) ([]directory.Term, int, error)
}

// listingFixture is a small directory: four listed services (one
// temporarily closed) and one withdrawn, whose organisation runs nothing
// listed.
func listingFixture() []*directory.Service {
	bend := &directory.Organization{ID: "org-3", Name: "Bend Leeds", Description: "Yoga for all."}
	place := func(sal, loc, name string, sc ...directory.Schedule) directory.ServiceAtLocation {
		return directory.ServiceAtLocation{ID: sal, Schedules: sc,
			Location: directory.Location{ID: loc, Type: directory.Physical, Name: name}}
	}
	weekly := func(id, day, opens, closes string) directory.Schedule {
		return directory.Schedule{ID: id, Freq: directory.Weekly, ByDay: day, Opens: opens, Closes: closes}
	}
	return []*directory.Service{
		{
			ID: "yoga-kids", Name: "Kids Yoga", Status: directory.StatusActive, Organization: bend,
			MinimumAge: intp(5), MaximumAge: intp(11),
			LastModified: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC),
			Terms:        []directory.Term{{ID: "yoga", Name: "Yoga", Taxonomy: "Other vocab", Code: "Y-1", Version: "2"}},
			Schedules:    []directory.Schedule{weekly("yoga-sat", "SA", "09:00", "10:00")},
			// Two places, listed in this order.
			Locations: []directory.ServiceAtLocation{place("sal-yoga-b", "loc-hall", "Church hall"), place("sal-yoga-a", "loc-gym", "Gym")},
		},
		{
			ID: "walk-1", Name: "Health walk", Status: directory.StatusActive,
			Organization: &directory.Organization{ID: "org-1", Name: "Leeds Walkers"},
			MinimumAge:   intp(16),
			// 09:30 in a zone an hour ahead: 08:30 UTC.
			LastModified: time.Date(2026, 10, 31, 9, 30, 0, 0, time.FixedZone("", 3600)),
			Terms:        []directory.Term{{ID: "walking", Name: "Walking groups", Taxonomy: "Linkway kinds", Code: "W-1", Version: "1"}},
			// Its only times are at its place.
			Locations: []directory.ServiceAtLocation{place("sal-walk", "loc-park", "Park gates", weekly("walk-tue", "TU", "10:00", "12:00"))},
		},
		{
			ID: "refuge-5", Name: "Women's Safe Space", Status: directory.StatusActive, Organization: bend,
			LastModified: time.Date(2026, 10, 31, 8, 0, 0, 0, time.UTC),
			Terms:        []directory.Term{{ID: "safety", Name: "Safety", Taxonomy: "Linkway kinds", Code: "S-1", Version: "3"}},
			Locations:    []directory.ServiceAtLocation{place("sal-refuge", "loc-refuge", "Hidden house")},
		},
		{
			ID: "closed-6", Name: "Money advice", Status: directory.StatusTemporarilyClosed,
			Organization: &directory.Organization{ID: "org-2", Name: "Money_Matters 100%"},
		},
		{
			ID: "withdrawn-4", Name: "Withdrawn group", Status: directory.StatusInactive,
			Organization: &directory.Organization{ID: "org-gone", Name: "Gone Away Trust"},
			MinimumAge:   intp(5), MaximumAge: intp(11),
			Schedules: []directory.Schedule{weekly("gone-sat", "SA", "09:00", "10:00")},
			Locations: []directory.ServiceAtLocation{place("sal-gone", "loc-gone", "Empty shop")},
		},
	}
}

func intp(n int) *int { return &n }

// OpenReferral tests the Open Referral API's reads: only listed services
// and what they use, paged, filtered and ordered in the store.
func OpenReferral[T ListingTx, S OpenReferralStore[T]](t *testing.T, open func(testing.TB) S) {
	db := open(t)
	ctx := context.Background()
	must(t, db.InTx(ctx, func(tx T) error {
		for _, s := range listingFixture() {
			if _, _, err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}))
	t.Run("Services", func(t *testing.T) { listedServices(t, db) })
	t.Run("Filters", func(t *testing.T) { listingFilters(t, db) })
	t.Run("ServicesAtLocations", func(t *testing.T) { listedServicesAt(t, db) })
	t.Run("Organizations", func(t *testing.T) { listedOrganizations(t, db) })
	t.Run("Terms", func(t *testing.T) { taxonomyTerms(t, db) })
}

// wantServices checks one page of f, in order, and the total.
func wantServices(t *testing.T, db interface {
	ListedServices(context.Context, directory.ListingFilter) ([]*directory.Service, int, error)
}, name string, f directory.ListingFilter, want string, wantTotal int) {
	t.Helper()
	list, total, err := db.ListedServices(context.Background(), f)
	must(t, err)
	if got := serviceIDs(list); got != want || total != wantTotal {
		t.Errorf("%s: %q (total %d), want %q (total %d)", name, got, total, want, wantTotal)
	}
}

func listedServices[T ListingTx](t *testing.T, db OpenReferralStore[T]) {
	ctx := context.Background()
	all := "closed-6 refuge-5 walk-1 yoga-kids"
	wantServices(t, db, "all", directory.ListingFilter{}, all, 4)
	wantServices(t, db, "page 1", directory.ListingFilter{Limit: 3}, "closed-6 refuge-5 walk-1", 4)
	wantServices(t, db, "page 2", directory.ListingFilter{Limit: 3, Offset: 3}, "yoga-kids", 4)
	wantServices(t, db, "past the end", directory.ListingFilter{Limit: 3, Offset: 9}, "", 4)
	wantServices(t, db, "after an id", directory.ListingFilter{After: "refuge-5", Limit: 1}, "walk-1", 2)
	// Among keeps the hits' order and drops what is not listed; After
	// does not apply to it.
	wantServices(t, db, "among hits", directory.ListingFilter{Among: []string{"yoga-kids", "withdrawn-4", "nothing", "closed-6", "walk-1"}, After: "x"},
		"yoga-kids closed-6 walk-1", 3)
	wantServices(t, db, "among hits, page 2", directory.ListingFilter{Among: []string{"yoga-kids", "closed-6", "walk-1"}, Limit: 2, Offset: 2}, "walk-1", 3)
	wantServices(t, db, "among no hits", directory.ListingFilter{Among: []string{}}, "", 0)

	s, err := db.ListedService(ctx, "yoga-kids")
	must(t, err)
	if s.Name != "Kids Yoga" || len(s.Schedules) != 1 || s.Organization == nil || s.Organization.ID != "org-3" {
		t.Errorf("ListedService(yoga-kids) = %+v", s)
	}
	for _, id := range []string{"withdrawn-4", "nothing"} {
		if _, err := db.ListedService(ctx, id); directory.KindOf(err) != directory.NotFound {
			t.Errorf("ListedService(%s) = %v, want NotFound", id, err)
		}
	}
}

func listingFilters[T ListingTx](t *testing.T, db OpenReferralStore[T]) {
	after := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		must(t, err)
		return tm
	}
	for _, tt := range []struct {
		name string
		f    directory.ListingFilter
		want string
	}{
		{"organisation", directory.ListingFilter{OrganizationID: "org-3"}, "refuge-5 yoga-kids"},
		{"organisation running nothing listed", directory.ListingFilter{OrganizationID: "org-gone"}, ""},
		{"term", directory.ListingFilter{TermID: "yoga"}, "yoga-kids"},
		{"term's code", directory.ListingFilter{TermID: "W-1"}, "walk-1"},
		{"taxonomy", directory.ListingFilter{Taxonomy: "Linkway kinds"}, "refuge-5 walk-1"},
		// Instants, not text: walk-1's 09:30+01:00 is 08:30 UTC, after
		// refuge-5's 08:00; the oldest change comes first.
		{"modified after", directory.ListingFilter{ModifiedAfter: after("2026-10-31T08:15:00Z")}, "walk-1 yoga-kids"},
		{"modified after, in another zone", directory.ListingFilter{ModifiedAfter: after("2026-10-31T09:00:00+01:00")}, "refuge-5 walk-1 yoga-kids"},
		{"modified after the last", directory.ListingFilter{ModifiedAfter: after("2026-11-01T12:00:01Z")}, ""},
		{"minimum age", directory.ListingFilter{MinimumAge: intp(5)}, "walk-1 yoga-kids"},
		{"minimum age above", directory.ListingFilter{MinimumAge: intp(6)}, "walk-1"},
		{"maximum age", directory.ListingFilter{MaximumAge: intp(11)}, "yoga-kids"},
		{"maximum age below", directory.ListingFilter{MaximumAge: intp(10)}, ""},
		{"day at a place", directory.ListingFilter{Day: "TU"}, "walk-1"},
		{"day, any case", directory.ListingFilter{Day: "sa"}, "yoga-kids"},
		{"day and times", directory.ListingFilter{Day: "SA", Opens: "09:00", Closes: "10:00"}, "yoga-kids"},
		{"opens at or after", directory.ListingFilter{Opens: "09:30"}, "walk-1"},
		{"closes at or before", directory.ListingFilter{Closes: "10:30"}, "yoga-kids"},
		{"no such day", directory.ListingFilter{Day: "MO"}, ""},
		{"two filters", directory.ListingFilter{OrganizationID: "org-3", MinimumAge: intp(1)}, "yoga-kids"},
		{"filter among hits", directory.ListingFilter{Among: []string{"yoga-kids", "refuge-5", "walk-1"}, OrganizationID: "org-3"}, "yoga-kids refuge-5"},
	} {
		list, total, err := db.ListedServices(context.Background(), tt.f)
		must(t, err)
		got := serviceIDs(list)
		if tt.f.Among == nil && tt.f.ModifiedAfter.IsZero() {
			// Each store pages other filters in the order its indexes
			// give (SQLite's rowid), so only the set is the same.
			got = strings.Join(slices.Sorted(slices.Values(strings.Fields(got))), " ")
		}
		if got != tt.want || total != len(strings.Fields(tt.want)) {
			t.Errorf("%s: %q (total %d), want %q", tt.name, got, total, tt.want)
		}
	}
	// Filtered lists page too: the pages hold each service once.
	var paged []string
	for offset := range 3 {
		list, total, err := db.ListedServices(context.Background(), directory.ListingFilter{Taxonomy: "Linkway kinds", Limit: 1, Offset: offset})
		must(t, err)
		if total != 2 || len(list) != min(1, 2-offset) {
			t.Errorf("filtered page at %d: %q (total %d), want one of 2 services", offset, serviceIDs(list), total)
		}
		paged = append(paged, strings.Fields(serviceIDs(list))...)
	}
	if slices.Sort(paged); strings.Join(paged, " ") != "refuge-5 walk-1" {
		t.Errorf("filtered pages hold %v, want refuge-5 and walk-1 once each", paged)
	}
	wantServices(t, db, "modified after, page 2",
		directory.ListingFilter{ModifiedAfter: after("2026-01-01T00:00:00Z"), Limit: 2, Offset: 1}, "walk-1 yoga-kids", 3)
}

func listedServicesAt[T ListingTx](t *testing.T, db OpenReferralStore[T]) {
	ctx := context.Background()
	at := func(f directory.ListingFilter) (string, int) {
		t.Helper()
		list, total, err := db.ListedServicesAt(ctx, f)
		must(t, err)
		var out []string
		for _, a := range list {
			if a.Service == nil || !slices.ContainsFunc(a.Service.Locations, func(l directory.ServiceAtLocation) bool { return l.ID == a.At.ID }) {
				t.Errorf("%s is not one of its service's places: %+v", a.At.ID, a.Service)
			}
			out = append(out, a.Service.ID+"@"+a.At.ID)
		}
		return strings.Join(out, " "), total
	}
	for _, tt := range []struct {
		name  string
		f     directory.ListingFilter
		want  string
		total int
	}{
		{"all, by id", directory.ListingFilter{}, "refuge-5@sal-refuge walk-1@sal-walk yoga-kids@sal-yoga-a yoga-kids@sal-yoga-b", 4},
		{"page", directory.ListingFilter{Limit: 2, Offset: 1}, "walk-1@sal-walk yoga-kids@sal-yoga-a", 4},
		{"past the end", directory.ListingFilter{Limit: 2, Offset: 4}, "", 4},
		// Hits in order, each service's places as it lists them.
		{"among hits", directory.ListingFilter{Among: []string{"yoga-kids", "withdrawn-4", "walk-1"}}, "yoga-kids@sal-yoga-b yoga-kids@sal-yoga-a walk-1@sal-walk", 3},
		{"filtered", directory.ListingFilter{OrganizationID: "org-3"}, "refuge-5@sal-refuge yoga-kids@sal-yoga-a yoga-kids@sal-yoga-b", 3},
	} {
		if got, total := at(tt.f); got != tt.want || total != tt.total {
			t.Errorf("%s: %q (total %d), want %q (total %d)", tt.name, got, total, tt.want, tt.total)
		}
	}
	a, err := db.ListedServiceAt(ctx, "sal-walk")
	must(t, err)
	if a.Service.ID != "walk-1" || a.At.Location.ID != "loc-park" || len(a.At.Schedules) != 1 {
		t.Errorf("ListedServiceAt(sal-walk) = %+v", a)
	}
	for _, id := range []string{"sal-gone", "nothing"} {
		if _, err := db.ListedServiceAt(ctx, id); directory.KindOf(err) != directory.NotFound {
			t.Errorf("ListedServiceAt(%s) = %v, want NotFound", id, err)
		}
	}
}

func listedOrganizations[T ListingTx](t *testing.T, db OpenReferralStore[T]) {
	ctx := context.Background()
	for _, tt := range []struct {
		search        string
		limit, offset int
		want          string
		total         int
	}{
		{"", 0, 0, "org-1 org-2 org-3", 3},
		{"", 1, 1, "org-2", 3},
		{"bend", 0, 0, "org-3", 1}, // in any case
		{"  LEEDS ", 0, 0, "org-1 org-3", 2},
		{"gone", 0, 0, "", 0}, // runs nothing listed
		// LIKE's wildcards are literal.
		{"_", 0, 0, "org-2", 1},
		{"100%", 0, 0, "org-2", 1},
		{"s%m", 0, 0, "", 0},
	} {
		list, total, err := db.ListedOrganizations(ctx, tt.search, tt.limit, tt.offset)
		must(t, err)
		got := joinIDs(list, func(o directory.Organization) string { return o.ID })
		if got != tt.want || total != tt.total {
			t.Errorf("ListedOrganizations(%q, %d, %d) = %v (total %d), want %q (total %d)", tt.search, tt.limit, tt.offset, got, total, tt.want, tt.total)
		}
	}
	o, err := db.ListedOrganization(ctx, "org-3")
	must(t, err)
	if o.Name != "Bend Leeds" || o.Description != "Yoga for all." {
		t.Errorf("ListedOrganization(org-3) = %+v", o)
	}
	if _, err := db.ListedOrganization(ctx, "org-gone"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("ListedOrganization(org-gone) = %v, want NotFound", err)
	}
}

func taxonomyTerms[T ListingTx](t *testing.T, db OpenReferralStore[T]) {
	ctx := context.Background()
	tax, err := db.Taxonomies(ctx)
	must(t, err)
	want := []directory.Taxonomy{
		{ID: ids.Taxonomy("Linkway kinds"), Name: "Linkway kinds", Version: "3"},
		{ID: ids.Taxonomy("Other vocab"), Name: "Other vocab", Version: "2"},
	}
	if !slices.Equal(tax, want) {
		t.Errorf("Taxonomies = %+v, want %+v", tax, want)
	}
	for _, tt := range []struct {
		name  string
		f     directory.TermFilter
		want  string
		total int
	}{
		{"all", directory.TermFilter{}, "safety walking yoga", 3},
		{"page", directory.TermFilter{Limit: 1, Offset: 1}, "walking", 3},
		{"taxonomy", directory.TermFilter{Taxonomy: "Linkway kinds"}, "safety walking", 2},
		{"search, any case", directory.TermFilter{Search: "WALK"}, "walking", 1},
		{"search, literal wildcards", directory.TermFilter{Search: "_"}, "", 0},
		{"top only", directory.TermFilter{TopOnly: true, Taxonomy: "Other vocab"}, "yoga", 1},
		{"children", directory.TermFilter{ParentID: "nothing"}, "", 0},
	} {
		list, total, err := db.FindTerms(ctx, tt.f)
		must(t, err)
		got := joinIDs(list, func(term directory.Term) string { return term.ID })
		if got != tt.want || total != tt.total {
			t.Errorf("FindTerms %s = %v (total %d), want %q (total %d)", tt.name, got, total, tt.want, tt.total)
		}
	}
}
