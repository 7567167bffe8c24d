// Package geo turns UK postcodes into points on the map.
//
// [Normalize] checks and tidies what a person typed ("ls61aa" becomes
// "LS6 1AA"). A [Gazetteer], loaded once with [Load] or [LoadFS], maps a
// postcode to a [Place]: the exact point of a Leeds postcode unit, or the
// centroid of its postcode district (outcode) anywhere in Great Britain.
// [DistanceKm] measures how far apart two points are.
//
// The data is OS Code-Point Open (Open Government Licence v3.0); see
// data/geo/SOURCES.md for the attribution any screen that shows it must
// carry. It covers Great Britain only, so Northern Ireland (BT) postcodes
// are unknown.
//
// Points are [orb.Point] values, which hold {longitude, latitude} in that
// order.
package geo
