package public

import (
	"context"

	"github.com/linkway/linkway/directory"
)

// publicStore is the Store residents' pages read through: every service
// it returns is [directory.Service.ForPublic], so a confidential
// location (a refuge) shows only its postcode district on every page and
// in every answer of the public API, whichever handler asks.
type publicStore struct{ Store }

func (s publicStore) Service(ctx context.Context, id string) (*directory.Service, error) {
	svc, err := s.Store.Service(ctx, id)
	if err != nil {
		return nil, err
	}
	return svc.ForPublic(), nil
}

func (s publicStore) FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error) {
	list, total, err := s.Store.FindServices(ctx, f)
	for i, svc := range list {
		list[i] = svc.ForPublic()
	}
	return list, total, err
}

func (s publicStore) ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error) {
	m, err := s.Store.ServicesByID(ctx, ids)
	for id, svc := range m {
		m[id] = svc.ForPublic()
	}
	return m, err
}
