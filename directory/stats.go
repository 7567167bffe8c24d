package directory

// Stats counts what the directory holds. Every store returns this one
// type, so the commands can print it whichever store they run on.
type Stats struct {
	Services, Listed, Organizations, Locations int
}
