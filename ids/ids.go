// Package ids makes the ids of records created in Linkway: UUIDs, as
// HSDS 3.0 and the Open Referral UK profile expect. Records imported
// from a feed keep the ids the feed gave them; only new ones get these.
// It is the one home of github.com/google/uuid.
package ids

import "github.com/google/uuid"

// namespace is Linkway's own UUID namespace for [Derived] ids, fixed for
// ever: changing it would change every derived id.
var namespace = uuid.MustParse("5b0c6f2e-8a1d-4c43-9d2e-6f1a7c0e4b21")

// New returns a new random UUID (version 4), such as
// "0f8fad5b-d9cb-469f-a165-70867728950e". A record keeps it for life.
func New() string { return uuid.NewString() }

// Derived returns the UUID (version 5) named by name in Linkway's
// namespace: the same name always gives the same id. It names things
// Linkway keeps without an id of their own, such as a taxonomy known by
// its name or a service's funding source.
func Derived(name string) string { return uuid.NewSHA1(namespace, []byte(name)).String() }

// Taxonomy returns the id of the taxonomy named name: Linkway knows a
// taxonomy by its terms' name for it, so the id is derived from the name
// and stays the same for as long as the name does.
func Taxonomy(name string) string { return Derived("taxonomy:" + name) }
