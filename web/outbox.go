package web

import "github.com/gorilla/mux"

// outboxStore is what these pages need from the store.
type outboxStore interface{}

func (s *Server) outboxRoutes(r, api *mux.Router) {}
