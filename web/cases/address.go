package cases

import (
	"net/http"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// addressPage is the full address of a service's confidential places
// (refuges), which public pages show only as a postcode district.
type addressPage struct {
	Service *directory.Service
	Places  []directory.Location
}

// handleConfidentialAddress shows a link worker where a confidential
// service is. Each view is audited, place by place.
func (h *Handler) handleConfidentialAddress(w http.ResponseWriter, r *http.Request) {
	if _, err := h.caseworker(r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	svc, err := h.store.Service(r.Context(), core.PathVar(r, "id"))
	if err == nil && !svc.Listed() {
		err = directory.Errorf(directory.NotFound, "this service is no longer running")
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := addressPage{Service: svc}
	for _, sl := range svc.Locations {
		if sl.Location.Confidential {
			data.Places = append(data.Places, sl.Location)
		}
	}
	if len(data.Places) == 0 {
		h.site.Fail(w, r, directory.Errorf(directory.NotFound, "this service has no private address: its page shows where it is"))
		return
	}
	if err := h.auditConfidential(r, "", svc); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "address", "Where "+svc.Name+" is", data)
}

// auditConfidential records that the current user was shown the full
// address of each of svc's confidential places, on a person's record
// when personID is set.
func (h *Handler) auditConfidential(r *http.Request, personID string, svc *directory.Service) error {
	for _, sl := range svc.Locations {
		if sl.Location.Confidential {
			if err := h.site.Audit(r, "location.confidential.read", personID, "service "+svc.ID+" location "+sl.Location.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
