package indexer

import (
	"math"

	"github.com/paulmach/orb"
)

// gridDegrees is the side of a density grid cell: about 11 km north to
// south and 7 km east to west in England.
const gridDegrees = 0.1

// density counts the places of the indexed services per grid cell, to
// estimate how many services lie within a radius of a point without a
// search. It is built when an index is installed and not kept up to date
// with edits: it only chooses how a search runs, never what it finds,
// and a few thousand edits do not change where services are.
type density map[[2]int32]int

func newDensity(points map[string][]orb.Point) density {
	d := density{}
	for _, ps := range points {
		for _, p := range ps {
			d[cellOf(p.Lat(), p.Lon())]++
		}
	}
	return d
}

func cellOf(lat, lon float64) [2]int32 {
	return [2]int32{int32(math.Floor(lat / gridDegrees)), int32(math.Floor(lon / gridDegrees))}
}

// within estimates how many places lie within km of p: the places in the
// cells the circle's bounding box touches, scaled by the share of those
// cells' area the circle covers.
func (d density) within(p orb.Point, km float64) float64 {
	const kmPerDegree = 111.32
	dLat := km / kmPerDegree
	dLon := km / (kmPerDegree * max(math.Cos(p.Lat()*math.Pi/180), 0.01))
	lo, hi := cellOf(p.Lat()-dLat, p.Lon()-dLon), cellOf(p.Lat()+dLat, p.Lon()+dLon)
	places := 0
	for r := lo[0]; r <= hi[0]; r++ {
		for c := lo[1]; c <= hi[1]; c++ {
			places += d[[2]int32{r, c}]
		}
	}
	cells := float64(hi[0]-lo[0]+1) * float64(hi[1]-lo[1]+1)
	cellKm2 := (gridDegrees * kmPerDegree) * (gridDegrees * kmPerDegree * math.Cos(p.Lat()*math.Pi/180))
	return float64(places) * min(1, math.Pi*km*km/(cells*cellKm2))
}
