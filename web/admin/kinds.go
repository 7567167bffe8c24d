package admin

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// kindsPage is an admin's view of a listing's kinds of support: where
// each came from, and a form to correct them.
type kindsPage struct {
	Service   *directory.Service
	Done      string
	Errors    []core.FormError
	Current   []kindRow
	Moderated bool
	Options   []core.Option // every kind of support, those the listing has checked
	Action    string
	History   string
}

type kindRow struct {
	Name, How string
}

// kindsDone confirm what an admin just did to a listing's kinds.
var kindsDone = map[string]string{
	"set":       "The listing's kinds of support are published as you chose them.",
	"automatic": "The listing's kinds of support are given automatically again.",
}

func (h *Handler) handleKinds(w http.ResponseWriter, r *http.Request) {
	svc, err := h.store.Service(r.Context(), core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.renderKinds(w, r, http.StatusOK, svc, nil, nil)
}

func (h *Handler) renderKinds(w http.ResponseWriter, r *http.Request, status int, svc *directory.Service, chosen []string, errs []core.FormError) {
	base := "/admin/services/" + core.PathEscape(svc.ID)
	data := kindsPage{Service: svc, Done: kindsDone[r.URL.Query().Get("done")], Errors: errs,
		Moderated: svc.Moderated(), Action: base + "/kinds", History: base + "/history"}
	if chosen == nil {
		chosen = svc.KindIDs()
	}
	for _, k := range svc.Kinds {
		data.Current = append(data.Current, kindRow{Name: h.kindName(k.ID), How: kindHow(k)})
	}
	for _, t := range h.kinds {
		data.Options = append(data.Options, core.Option{Value: t.ID, Label: t.Name, Selected: contains(chosen, t.ID)})
	}
	h.site.RenderPrivate(w, r, status, "listingkinds", "Kinds of support of "+svc.Name, data)
}

// handleKindsSet publishes an admin's choice of a listing's kinds of
// support, or, with automatic=true, returns it to the kinds Linkway gives.
func (h *Handler) handleKindsSet(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	svc, err := h.store.Service(ctx, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	automatic := r.PostForm.Get("automatic") == "true"
	var chosen []string
	if !automatic {
		for _, id := range r.PostForm["kind"] {
			if h.kindName(id) == id {
				h.site.Fail(w, r, directory.Errorf(directory.Invalid, "kind: %s is not one of Linkway's kinds of support", directory.Quote(id)))
				return
			}
			if !contains(chosen, id) {
				chosen = append(chosen, id)
			}
		}
		if len(chosen) == 0 {
			h.renderKinds(w, r, http.StatusUnprocessableEntity, svc, []string{}, []core.FormError{{Field: "kinds",
				Message: "Choose at least one kind of support, or give the listing its kinds automatically"}})
			return
		}
	}
	note, detail, done := "Kinds of support corrected", "service "+svc.ID+" kinds "+strings.Join(chosen, ","), "set"
	if automatic {
		note, detail, done = "Kinds of support given automatically again", "service "+svc.ID+" kinds automatic", "automatic"
	}
	v, err := h.store.SetServiceKinds(ctx, svc.ID, chosen, core.CurrentUser(r).ID, note)
	if err == nil {
		err = h.site.Audit(r, "listing.kinds", "", fmt.Sprintf("%s as version %d", detail, v))
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/admin/services/"+core.PathEscape(svc.ID)+"/kinds?done="+done)
}

// kindName is the name of one of Linkway's kinds, or id itself when it
// is none of them.
func (h *Handler) kindName(id string) string {
	for _, t := range h.kinds {
		if t.ID == id {
			return cmp.Or(t.Name, id)
		}
	}
	return id
}

// kindHow says in plain words where a listing's kind came from.
func kindHow(k directory.ServiceKind) string {
	quoted := make([]string, len(k.Why))
	for i, w := range k.Why {
		quoted[i] = "‘" + w + "’"
	}
	why := strings.Join(quoted, ", ")
	switch k.Source {
	case directory.KindTagged:
		return "listed so by the feed"
	case directory.KindCrosswalk:
		return cmp.Or("from the feed's term "+why, "from the feed's terms")
	case directory.KindInferred:
		how := fmt.Sprintf("inferred (%d%% sure)", int(math.Round(k.Confidence*100)))
		if why != "" {
			how += " from " + why
		}
		return how
	case directory.KindModerated:
		return "set by an admin"
	}
	return string(k.Source)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
