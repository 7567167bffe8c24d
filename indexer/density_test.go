package indexer

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	lgeo "github.com/linkway/linkway/geo"
	"github.com/paulmach/orb"
)

// TestCoveringCellsHoldEveryPlaceWithin checks that the grid cells read
// for a radius include a cell of every place within it, for radii from
// half a kilometre to 200 km, in England and far north and south.
func TestCoveringCellsHoldEveryPlaceWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, centre := range []orb.Point{{-1.5491, 53.8008}, {-0.1278, 51.5074}, {-3.0, 58.6}, {0.0, 0.0}, {150.0, -33.9}} {
		for _, km := range []float64{0.5, 2, 5, 10, 25, 80, 200} {
			cells := coveringCells(centre, km)
			if len(cells) == 0 {
				t.Fatalf("%v within %g km: no cells", centre, km)
			}
			for range 2000 {
				// A point at a random bearing, near the edge most of the time.
				d := km * math.Sqrt(math.Sqrt(r.Float64()))
				bearing := 2 * math.Pi * r.Float64()
				lat := centre.Lat() + d*math.Cos(bearing)/111.32
				lon := centre.Lon() + d*math.Sin(bearing)/(111.32*math.Cos(lat*math.Pi/180))
				p := orb.Point{lon, lat}
				if lgeo.DistanceKm(p, centre) > km {
					continue
				}
				if !slices.ContainsFunc(cellTokens(lat, lon), func(c string) bool { return slices.Contains(cells, c) }) {
					t.Fatalf("%v within %g km: place %v (%.3f km) in none of %d cells", centre, km, p, lgeo.DistanceKm(p, centre), len(cells))
				}
			}
		}
	}
}
