#include "core/geo.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lianxin {
namespace {

// Reference values: the README example of the widely used coordtransform
// library, point (39.915 N, 116.404 E) in Beijing.
TEST(Geo, ForwardMatchesPublishedBeijingPoint) {
  LatLng g = WgsToGcj({39.915, 116.404});
  EXPECT_NEAR(g.lat, 39.91640428150164, 1e-9);
  EXPECT_NEAR(g.lng, 116.41024449916938, 1e-9);
}

TEST(Geo, InverseRecoversWgsExactly) {
  LatLng w = GcjToWgs({39.91640428150164, 116.41024449916938});
  EXPECT_NEAR(w.lat, 39.915, 1e-8);
  EXPECT_NEAR(w.lng, 116.404, 1e-8);
  // The library's one-step approximation of the inverse of (39.915, 116.404)
  // is (39.91359571849836, 116.39775550083061); the exact inverse lies within
  // a few metres of it (1e-4 degrees is about 10 m).
  LatLng approx = GcjToWgs({39.915, 116.404});
  EXPECT_NEAR(approx.lat, 39.91359571849836, 1e-4);
  EXPECT_NEAR(approx.lng, 116.39775550083061, 1e-4);
  LatLng back = WgsToGcj(approx);
  EXPECT_NEAR(back.lat, 39.915, 1e-9);
  EXPECT_NEAR(back.lng, 116.404, 1e-9);
}

TEST(Geo, RoundTripAcrossChina) {
  // Shenzhen, Urumqi, Harbin, Sanya, Changsha (the demo province's capital).
  const LatLng points[] = {{22.543, 114.057}, {43.825, 87.617}, {45.803, 126.535},
                           {18.253, 109.512}, {28.228, 112.939}};
  for (LatLng p : points) {
    LatLng g = WgsToGcj(p);
    // The offset is hundreds of metres, never zero and never kilometres.
    double shift = std::abs(g.lat - p.lat) + std::abs(g.lng - p.lng);
    EXPECT_GT(shift, 0.001) << p.lat;
    EXPECT_LT(shift, 0.02) << p.lat;
    LatLng w = GcjToWgs(g);
    EXPECT_NEAR(w.lat, p.lat, 1e-8);
    EXPECT_NEAR(w.lng, p.lng, 1e-8);
  }
}

TEST(Geo, OutsideChinaIsIdentity) {
  LatLng paris{48.8566, 2.3522};
  EXPECT_TRUE(OutsideChina(paris));
  LatLng w = GcjToWgs(paris);
  EXPECT_EQ(w.lat, paris.lat);
  EXPECT_EQ(w.lng, paris.lng);
  EXPECT_FALSE(OutsideChina({39.9, 116.4}));
}

}  // namespace
}  // namespace lianxin
