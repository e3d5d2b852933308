#include "core/geo.h"

#include <cmath>

namespace lianxin {
namespace {

constexpr double kPi = 3.14159265358979324;
constexpr double kA = 6378245.0;               // Krasovsky 1940 semi-major axis
constexpr double kEe = 0.00669342162296594323;  // its first eccentricity squared

double OffsetLat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double OffsetLng(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

bool OutsideChina(LatLng p) {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

LatLng WgsToGcj(LatLng wgs) {
  if (OutsideChina(wgs)) return wgs;
  double d_lat = OffsetLat(wgs.lng - 105.0, wgs.lat - 35.0);
  double d_lng = OffsetLng(wgs.lng - 105.0, wgs.lat - 35.0);
  double rad_lat = wgs.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEe * magic * magic;
  double sqrt_magic = std::sqrt(magic);
  d_lat = (d_lat * 180.0) / ((kA * (1 - kEe)) / (magic * sqrt_magic) * kPi);
  d_lng = (d_lng * 180.0) / (kA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {wgs.lat + d_lat, wgs.lng + d_lng};
}

LatLng GcjToWgs(LatLng gcj) {
  if (OutsideChina(gcj)) return gcj;
  LatLng wgs = gcj;
  for (int round = 0; round < 30; ++round) {
    LatLng forward = WgsToGcj(wgs);
    double e_lat = gcj.lat - forward.lat, e_lng = gcj.lng - forward.lng;
    wgs.lat += e_lat;
    wgs.lng += e_lng;
    if (std::fabs(e_lat) < 1e-10 && std::fabs(e_lng) < 1e-10) break;
  }
  return wgs;
}

}  // namespace lianxin
