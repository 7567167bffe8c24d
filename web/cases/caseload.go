package cases

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// The caseload: a team's people, searched, filtered, sorted and paged.
//
// What a link worker searches for (a name, an NHS number, a date of
// birth) is personal data, so it never goes in a URL, where access logs
// and browser history keep it. The search box posts to
// /casework/people/search, which keeps the words in the session
// ([core.Site.Remember]) and redirects to the list; the list reads them
// from there. The filters, order and page are not personal and stay in
// the list's query string, so they can be linked, bookmarked and paged
// through with plain links, and Back works without resubmitting a form.

// caseloadPageSize is how many people one page of the caseload shows.
const caseloadPageSize = 50

// caseloadSearchKey is the session key of u's caseload search words. It
// names the user, so that whoever logs in next on a shared computer,
// whose session carries over, never starts from someone else's search.
func caseloadSearchKey(u *casework.User) string {
	return "caseload_search:" + strconv.FormatInt(u.ID, 10)
}

// caseloadView is the non-personal part of what the caseload shows: its
// filters, order and page, as in the list's query string.
type caseloadView struct {
	Status string // a casework.Status, or "" for everyone
	Review string // a casework.ReviewDue
	Worker string // "", "mine" or a link worker's user id
	Sort   string // a casework.CaseloadSort, or "" for by name
	Page   int    // from 1
}

var caseloadStatuses = []casework.Status{casework.StatusNew, casework.StatusActive, casework.StatusOnHold, casework.StatusDischarged}

// caseloadViewOf reads the filters, order and page from v, refusing any
// value the page's own form would not send.
func caseloadViewOf(v url.Values, team []casework.User) (caseloadView, error) {
	cv := caseloadView{Status: v.Get("status"), Review: v.Get("review"), Worker: v.Get("worker"), Sort: v.Get("sort"), Page: 1}
	if cv.Status != "" && !slices.Contains(caseloadStatuses, casework.Status(cv.Status)) {
		return cv, directory.Errorf(directory.Invalid, "status: choose a status from the list")
	}
	if cv.Review != "" && !slices.Contains([]casework.ReviewDue{casework.ReviewOverdue, casework.ReviewSoon}, casework.ReviewDue(cv.Review)) {
		return cv, directory.Errorf(directory.Invalid, "review: choose overdue, due soon or any")
	}
	if cv.Sort != "" && !slices.Contains(casework.CaseloadSorts, casework.CaseloadSort(cv.Sort)) {
		return cv, directory.Errorf(directory.Invalid, "sort: choose an order from the list")
	}
	if cv.Worker != "" && cv.Worker != "mine" {
		if _, err := assignee(cv.Worker, team); err != nil {
			return cv, directory.Errorf(directory.Invalid, "worker: choose a link worker in your team")
		}
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return cv, directory.Errorf(directory.Invalid, "page: a page is a whole number from 1")
		}
		cv.Page = n
	}
	return cv, nil
}

// url is the list's address showing this view at page; the defaults are
// left out, so the plain list stays /casework/people.
func (cv caseloadView) url(page int) string {
	q := url.Values{}
	for key, value := range map[string]string{"status": cv.Status, "review": cv.Review, "worker": cv.Worker, "sort": cv.Sort} {
		if value != "" {
			q.Set(key, value)
		}
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/casework/people"
	}
	return "/casework/people?" + q.Encode()
}

// filter is the store's filter for this view, for user u, searching s.
func (cv caseloadView) filter(u *casework.User, s casework.CaseloadSearch, h *Handler) casework.PeopleFilter {
	f := casework.PeopleFilter{TeamID: u.TeamID, Search: s, ReviewDue: casework.ReviewDue(cv.Review), Sort: casework.CaseloadSort(cv.Sort),
		Limit: caseloadPageSize, Offset: (cv.Page - 1) * caseloadPageSize}
	if cv.Status != "" {
		f.Statuses = []casework.Status{casework.Status(cv.Status)}
	}
	switch cv.Worker {
	case "":
	case "mine":
		f.LinkWorker = u.ID
	default:
		f.LinkWorker, _ = strconv.ParseInt(cv.Worker, 10, 64)
	}
	if f.ReviewDue != casework.ReviewAny {
		// Today as the team knows it, as a date in UTC like the plan's
		// review date: converting local midnight to UTC would give
		// yesterday in summer.
		now := h.site.LocalNow()
		f.Today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	return f
}

// caseloadRow is one person in the list, with their link worker's name.
type caseloadRow struct {
	casework.PersonSummary
	URL, Worker string
}

// pageLink is one link of the pager.
type pageLink struct {
	Label, URL string
	Current    bool
}

type peoplePage struct {
	People   []caseloadRow
	Query    string // the search box's words
	Searched string // what the words were read as: "name", "NHS number"…
	View     caseloadView
	Statuses []core.Option
	Reviews  []core.Option
	Workers  []core.Option
	Sorts    []core.Option
	Total    int
	Showing  string // "Showing 51 to 100 of 1,234 people"
	Prev     string
	Next     string
	Pages    []pageLink
	Errors   []core.FormError
}

func (h *Handler) handlePeople(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	q := h.site.Remembered(r, caseloadSearchKey(u))
	if _, err := casework.ParseCaseloadSearch(q); err != nil {
		// Kept under older rules: forget it rather than refuse every list.
		h.site.Remember(r, caseloadSearchKey(u), "")
		q = ""
	}
	h.showCaseload(w, r, r.URL.Query(), q, nil)
}

// handlePeopleSearch keeps the search box's words in the session and
// shows the list searched; words that are neither a name, an NHS number
// nor a date of birth show the list unsearched with what was wrong.
func (h *Handler) handlePeopleSearch(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	q := r.PostForm.Get("q")
	if r.PostForm.Has("clear") {
		q = ""
	}
	if _, err := casework.ParseCaseloadSearch(q); err != nil {
		h.showCaseload(w, r, r.PostForm, q, err)
		return
	}
	team, err := h.teamWorkers(r, u.TeamID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.Remember(r, caseloadSearchKey(u), q)
	// The form carries the list's filters and order, so a search keeps
	// them; a new search starts at its first page.
	view, err := caseloadViewOf(r.PostForm, team)
	if err != nil {
		view = caseloadView{} // a tampered hidden field: show the plain list
	}
	core.SeeOther(w, r, view.url(1))
}

// showCaseload shows the caseload as v says, searched for q. searchErr,
// when not nil, is why q could not be searched: the list is shown
// unsearched, with the words kept in the box to correct, and a 400.
func (h *Handler) showCaseload(w http.ResponseWriter, r *http.Request, v url.Values, q string, searchErr error) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	team, err := h.teamWorkers(r, u.TeamID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	status := http.StatusOK
	data := peoplePage{Query: q}
	view, err := caseloadViewOf(v, team)
	if err != nil {
		status, data.Errors, view = http.StatusBadRequest, core.FormErrorsOf(err), caseloadView{Page: 1}
	}
	search, err := casework.ParseCaseloadSearch(q)
	if searchErr != nil || err != nil {
		if searchErr == nil {
			searchErr = err
		}
		status, search = http.StatusBadRequest, casework.CaseloadSearch{}
		data.Errors = append(data.Errors, core.FormErrorsOf(searchErr)...)
	}
	f := view.filter(u, search, h)
	if data.Total, err = h.store.CountPeople(r.Context(), f); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	// A page past the end (the list shrank since the link was made) shows
	// the last page rather than nothing.
	if last := max(1, (data.Total+caseloadPageSize-1)/caseloadPageSize); view.Page > last {
		view.Page = last
		f = view.filter(u, search, h)
	}
	people, err := h.store.People(r.Context(), f)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	// Listing people reads their names and details: audited like the
	// list always was, saying how it was searched but never the words.
	detail := fmt.Sprintf("%d of %d people, search by %s", len(people), data.Total, search.Kind())
	if err := h.site.Audit(r, "people.list", "", detail); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data.View, data.Searched = view, searchLabel(search)
	h.fillCaseload(&data, u, team, people)
	title := "People"
	if len(data.Errors) > 0 {
		title = core.ErrorTitle(title, data.Errors)
	}
	h.site.RenderPrivate(w, r, status, "people", title, data)
}

// searchLabel says what the search box's words were read as.
func searchLabel(s casework.CaseloadSearch) string {
	switch s.Kind() {
	case "none":
		return ""
	case "nhs number":
		return "NHS number"
	}
	return s.Kind()
}

// fillCaseload fills the rows, the form's choices and the pager.
func (h *Handler) fillCaseload(d *peoplePage, u *casework.User, team []casework.User, people []casework.PersonSummary) {
	names := map[int64]string{}
	for _, tw := range team {
		names[tw.ID] = tw.Name
	}
	for _, p := range people {
		d.People = append(d.People, caseloadRow{PersonSummary: p, URL: personURL(p.ID), Worker: names[p.LinkWorker]})
	}
	v := d.View
	for _, st := range caseloadStatuses {
		d.Statuses = append(d.Statuses, core.Option{Value: string(st), Label: core.StatusLabel(st), Selected: v.Status == string(st)})
	}
	d.Reviews = []core.Option{
		{Value: string(casework.ReviewOverdue), Label: "Overdue", Selected: v.Review == string(casework.ReviewOverdue)},
		{Value: string(casework.ReviewSoon), Label: fmt.Sprintf("Due in the next %d days", casework.ReviewSoonDays), Selected: v.Review == string(casework.ReviewSoon)},
	}
	d.Workers = []core.Option{{Value: "mine", Label: "Mine (" + u.Name + ")", Selected: v.Worker == "mine"}}
	for _, tw := range team {
		id := strconv.FormatInt(tw.ID, 10)
		d.Workers = append(d.Workers, core.Option{Value: id, Label: tw.Name, Selected: v.Worker == id})
	}
	for _, o := range []struct {
		sort  casework.CaseloadSort
		label string
	}{
		{casework.SortName, "Name, A to Z"},
		{casework.SortReviewDue, "Review due, soonest first"},
		{casework.SortLastContact, "Last contact, longest ago first"},
		{casework.SortStatus, "Status"},
		{casework.SortNewest, "Newest first"},
	} {
		selected := v.Sort == string(o.sort) || (v.Sort == "" && o.sort == casework.SortName)
		d.Sorts = append(d.Sorts, core.Option{Value: string(o.sort), Label: o.label, Selected: selected})
	}
	d.fillPager()
}

// fillPager says which people of how many are shown and links the pages
// around this one, the first and the last.
func (d *peoplePage) fillPager() {
	v := d.View
	if d.Total == 0 {
		return
	}
	first := (v.Page-1)*caseloadPageSize + 1
	d.Showing = fmt.Sprintf("Showing %s to %s of %s %s", thousands(first), thousands(first+len(d.People)-1), thousands(d.Total), pluralWord(d.Total, "person", "people"))
	pages := (d.Total + caseloadPageSize - 1) / caseloadPageSize
	if pages == 1 {
		return
	}
	if v.Page > 1 {
		d.Prev = v.url(v.Page - 1)
	}
	if v.Page < pages {
		d.Next = v.url(v.Page + 1)
	}
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= v.Page-1 && n <= v.Page+1) {
			d.Pages = append(d.Pages, pageLink{Label: strconv.Itoa(n), URL: v.url(n), Current: n == v.Page})
		} else if len(d.Pages) > 0 && d.Pages[len(d.Pages)-1].Label != "…" {
			d.Pages = append(d.Pages, pageLink{Label: "…"})
		}
	}
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands writes n with commas between groups of three digits, as
// people read counts: 1,234.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
