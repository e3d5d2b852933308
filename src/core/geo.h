// Coordinates: China's GCJ-02 ("Mars coordinates", used by the domestic map
// apps) and WGS84 (GPS, what Open311 and our store use).
//
// Pure functions of their arguments; thread-safe.
#pragma once

namespace lianxin {

struct LatLng {
  double lat = 0;  // degrees
  double lng = 0;  // degrees
};

// Whether the point lies outside the box where GCJ-02 differs from WGS84
// (points outside mainland China are the same in both systems).
bool OutsideChina(LatLng p);

// WGS84 -> GCJ-02: the published forward transform (Krasovsky ellipsoid
// parameters). Identity outside China.
LatLng WgsToGcj(LatLng wgs);

// GCJ-02 -> WGS84: the inverse of WgsToGcj, found by fixed-point iteration
// until the forward transform of the result reproduces `gcj` to about 1e-9
// degrees (well under a millimetre); at most 30 rounds. Identity outside China.
LatLng GcjToWgs(LatLng gcj);

}  // namespace lianxin
