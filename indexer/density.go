package indexer

import (
	"fmt"
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

// cellSizes are the sides (degrees) of the grid cells a service's places
// are indexed in, from about 2 km to 140 km north to south. A radius
// finds its candidates in the few cells of one size that cover it: one
// short list of terms, where bleve's own geo terms for a circle are
// hundreds.
var cellSizes = []float64{0.02, 0.08, 0.32, 1.28}

// maxCoveringCells is the most cells a radius reads: the finest size
// whose cells covering the circle are this many or fewer is used.
const maxCoveringCells = 20

func cellToken(level int, row, col int32) string {
	return fmt.Sprintf("%d:%d:%d", level, row, col)
}

// cellTokens are the cells, one of each size, a point is in.
func cellTokens(lat, lon float64) []string {
	out := make([]string, len(cellSizes))
	for i, size := range cellSizes {
		out[i] = cellToken(i, int32(math.Floor(lat/size)), int32(math.Floor(lon/size)))
	}
	return out
}

// coveringCells are the cells of one size that together cover the circle
// of km around p: those its bounding box, with a margin, touches.
func coveringCells(p orb.Point, km float64) []string {
	const kmPerDegree = 111.32
	const margin = 1.02 // the box is drawn on a sphere; distances are measured on the earth
	dLat := margin * km / kmPerDegree
	south, north := p.Lat()-dLat, p.Lat()+dLat
	// A degree of longitude is shortest on the box's edge nearer a pole.
	narrowest := math.Cos(min(max(math.Abs(south), math.Abs(north)), 89) * math.Pi / 180)
	dLon := margin * km / (kmPerDegree * narrowest)
	west, east := p.Lon()-dLon, p.Lon()+dLon
	for level, size := range cellSizes {
		r0, r1 := int32(math.Floor(south/size)), int32(math.Floor(north/size))
		c0, c1 := int32(math.Floor(west/size)), int32(math.Floor(east/size))
		if n := int(r1-r0+1) * int(c1-c0+1); n > maxCoveringCells && level < len(cellSizes)-1 {
			continue
		}
		var out []string
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				out = append(out, cellToken(level, r, c))
			}
		}
		return out
	}
	return nil
}
