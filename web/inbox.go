package web

import "github.com/gorilla/mux"

// inboxStore is what these pages need from the store.
type inboxStore interface{}

func (s *Server) inboxRoutes(r, api *mux.Router) {}
