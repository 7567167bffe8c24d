package web

import "github.com/gorilla/mux"

// listingStore is what these pages need from the store.
type listingStore interface{}

func (s *Server) listingRoutes(r, api *mux.Router) {}
