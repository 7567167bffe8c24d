package web

import "github.com/gorilla/mux"

// orgAdminStore is what these pages need from the store.
type orgAdminStore interface{}

func (s *Server) orgAdminRoutes(r, api *mux.Router) {}
