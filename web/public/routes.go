package public

import (
	"net/http"

	"github.com/gorilla/mux"
)

// Routes registers the residents' pages on r and their API on api (the
// router for /api/v1). None needs a login.
func (h *Handler) Routes(r, api *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/", h.handleHome).Methods(get...)
	r.HandleFunc("/browse", h.handleBrowseIndex).Methods(get...)
	r.HandleFunc("/browse/{term}", h.handleBrowse).Methods(get...)
	r.HandleFunc("/services/{id}", h.handleServiceShow).Methods(get...)
	r.HandleFunc("/search", h.handleSearchPage).Methods(get...)
	r.HandleFunc("/find-support", h.handleFindSupport).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	api.HandleFunc("/search", h.handleAPISearch).Methods(http.MethodGet)
	api.HandleFunc("/services/{id}", h.handleAPIService).Methods(http.MethodGet)
	api.HandleFunc("/match", h.handleAPIMatch).Methods(http.MethodPost)
}
