package public

import (
	"net/http"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// serviceAnswer is one listed service in the API: what a search result
// says of it, its description, and its feed's own terms beside Linkway's
// kinds of support.
type serviceAnswer struct {
	searchResult
	Description string     `json:"description"`
	FeedTerms   []termJSON `json:"feed_terms"`
}

type termJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// handleAPIService answers GET /api/v1/services/{id}.
func (h *Handler) handleAPIService(w http.ResponseWriter, r *http.Request) {
	svc, err := h.store.Service(r.Context(), core.PathVar(r, "id"))
	if err == nil && !svc.Listed() {
		err = directory.Errorf(directory.NotFound, "this service is no longer running")
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	ans := serviceAnswer{
		searchResult: newSearchResult(svc, directory.Hit{DistanceKm: -1}, false, h.site.LocalNow(), h.site.BankHoliday),
		Description:  svc.Description,
		FeedTerms:    []termJSON{},
	}
	ans.Kinds = h.kindsJSON(svc)
	for _, t := range svc.Terms {
		if _, own := h.ownKinds[t.ID]; !own {
			ans.FeedTerms = append(ans.FeedTerms, termJSON{ID: t.ID, Name: t.Name})
		}
	}
	core.WriteJSON(w, http.StatusOK, ans)
}
