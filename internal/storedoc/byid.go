package storedoc

import "github.com/linkway/linkway/directory"

// InOrder returns the services of byID (from a store's ServicesByID) in
// the order of ids, leaving out any it does not hold.
func InOrder(ids []string, byID map[string]*directory.Service) []*directory.Service {
	list := make([]*directory.Service, 0, len(ids))
	for _, id := range ids {
		if s := byID[id]; s != nil {
			list = append(list, s)
		}
	}
	return list
}

// KindIDs gives each service of byID its kinds of support, primary first.
func KindIDs(byID map[string]*directory.Service) map[string][]string {
	out := make(map[string][]string, len(byID))
	for id, s := range byID {
		out[id] = s.KindIDs()
	}
	return out
}
