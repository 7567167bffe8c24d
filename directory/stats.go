package directory

// Stats counts what the directory holds: every service, the listed ones
// (active or temporarily closed), organisations and locations.
type Stats struct {
	Services, Listed, Organizations, Locations int
}
