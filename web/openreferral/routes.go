package openreferral

import (
	"net/http"

	"github.com/gorilla/mux"
)

// Routes registers the API on r, the router for its prefix. Every path
// under it answers in JSON, a path the API does not have included.
func (h *Handler) Routes(r *mux.Router) {
	r.Use(h.cors, h.rateLimit, h.cache)
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/", h.handleRoot).Methods(get...)
	r.HandleFunc("", h.handleRoot).Methods(get...) // the prefix itself, without a slash
	r.HandleFunc("/services", h.handleServices).Methods(get...)
	r.HandleFunc("/services/{id}", h.handleService).Methods(get...)
	r.HandleFunc("/service_at_locations", h.handleServicesAt).Methods(get...)
	r.HandleFunc("/service_at_locations/{id}", h.handleServiceAt).Methods(get...)
	r.HandleFunc("/organizations", h.handleOrganizations).Methods(get...)
	r.HandleFunc("/organizations/{id}", h.handleOrganization).Methods(get...)
	r.HandleFunc("/taxonomies", h.handleTaxonomies).Methods(get...)
	r.HandleFunc("/taxonomies/{id}", h.handleTaxonomy).Methods(get...)
	r.HandleFunc("/taxonomy_terms", h.handleTerms).Methods(get...)
	r.HandleFunc("/taxonomy_terms/{id}", h.handleTerm).Methods(get...)
	// Last: preflights, other methods and unknown paths, in JSON.
	r.PathPrefix("/").HandlerFunc(h.handleOther)
}
