package directory

// ServiceFilter selects services for browsing.
type ServiceFilter struct {
	TermID string // only services with this taxonomy term
	Listed bool   // only services residents may see (active or temporarily closed)
	Limit  int    // page size; 0 means all
	Offset int
}

// TermCount is a taxonomy term with how many listed services carry it.
type TermCount struct {
	Term
	Services int
}
