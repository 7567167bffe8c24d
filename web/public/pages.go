package public

import (
	"context"
	"net/http"
	"strconv"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// browsePageSize is how many services a browse page lists: enough to scan
// on a phone without endless scrolling.
const browsePageSize = 20

type homePage struct {
	Kinds []directory.TermCount
	Total int
}

// ownKindCounts are the per-kind counts of Linkway's own kinds of
// support, as services were given them whatever their feed: a feed's own
// terms are detail on its service pages, never a list of hundreds to
// browse.
func (h *Handler) ownKindCounts(ctx context.Context) ([]directory.TermCount, error) {
	all, err := h.store.KindCounts(ctx)
	if err != nil {
		return nil, err
	}
	kinds := all[:0]
	for _, k := range all {
		if name, own := h.ownKinds[k.ID]; own {
			k.Name = name // Linkway's own name, whatever a feed stored under the id
			kinds = append(kinds, k)
		}
	}
	return kinds, nil
}

func (h *Handler) handleHome(w http.ResponseWriter, r *http.Request) {
	kinds, err := h.ownKindCounts(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	_, total, err := h.store.FindServices(r.Context(), directory.ServiceFilter{Listed: true, Limit: 1})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.Render(w, r, http.StatusOK, "home", "Find local groups and support", homePage{Kinds: kinds, Total: total})
}

func (h *Handler) handleBrowseIndex(w http.ResponseWriter, r *http.Request) {
	kinds, err := h.ownKindCounts(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.Render(w, r, http.StatusOK, "kinds", "Browse by kind of support", homePage{Kinds: kinds})
}

type browsePage struct {
	Kind     *directory.Term
	Services []serviceCard
	Total    int
	Page     int
	Pages    int
	First    int // 1-based position of the first service shown
	Last     int
}

// browseTerm is the kind of support a browse page lists: one of
// Linkway's own, by the name Linkway gives it, or a term a feed stored.
func (h *Handler) browseTerm(ctx context.Context, id string) (*directory.Term, error) {
	t, err := h.store.Term(ctx, id)
	name, own := h.ownKinds[id]
	switch {
	case own && directory.KindOf(err) == directory.NotFound:
		return &directory.Term{ID: id, Name: name}, nil
	case own && err == nil:
		t.Name = name
	}
	return t, err
}

func (h *Handler) handleBrowse(w http.ResponseWriter, r *http.Request) {
	term, err := h.browseTerm(r.Context(), core.PathVar(r, "term"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	pageNo := 1
	if v := r.URL.Query().Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			h.site.Fail(w, r, directory.Errorf(directory.Invalid, "page must be a whole number from 1"))
			return
		}
		pageNo = n
	}
	list, total, err := h.store.FindServices(r.Context(), directory.ServiceFilter{
		TermID: term.ID, Listed: true, Limit: browsePageSize, Offset: (pageNo - 1) * browsePageSize,
	})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	pages := max(1, (total+browsePageSize-1)/browsePageSize)
	if pageNo > pages {
		h.site.Fail(w, r, directory.Errorf(directory.NotFound, "there are only %d pages of %s", pages, term.Name))
		return
	}
	now := h.site.LocalNow()
	data := browsePage{Kind: term, Total: total, Page: pageNo, Pages: pages, First: (pageNo-1)*browsePageSize + 1}
	for _, svc := range list {
		data.Services = append(data.Services, newServiceCard(svc, now, h.site.BankHoliday))
	}
	data.Last = data.First + len(list) - 1
	title := term.Name
	if pageNo > 1 {
		title += ", page " + strconv.Itoa(pageNo)
	}
	h.site.Render(w, r, http.StatusOK, "browse", title, data)
}

func (h *Handler) handleServiceShow(w http.ResponseWriter, r *http.Request) {
	svc, err := h.store.Service(r.Context(), core.PathVar(r, "id"))
	if err == nil && !svc.Listed() {
		err = directory.Errorf(directory.NotFound, "this service is no longer running")
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	view := NewServiceView(svc, h.site.LocalNow(), h.site.BankHoliday)
	view.describeKinds(h.ownKinds)
	// Link workers also see how the organisation answers referrals.
	resp, err := h.responsiveness.ForService(r, svc.ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if resp != "" {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	h.site.Render(w, r, http.StatusOK, "service", svc.Name, servicePage{ServiceView: view, Responsiveness: resp})
}

// servicePage is the service page's data: the listing, and for link
// workers its responsiveness to referrals.
type servicePage struct {
	ServiceView
	Responsiveness string
}
