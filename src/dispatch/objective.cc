#include "dispatch/objective.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>

namespace lianxin::dispatch {

namespace {

double Dot(const std::vector<double>& w, const CsrMatrix& x, size_t row, double bias) {
  double s = bias != 0 ? w[x.cols] * bias : 0.0;
  for (size_t p = x.row_start[row]; p < x.row_start[row + 1]; ++p) s += w[x.col[p]] * x.val[p];
  return s;
}

void AddScaled(std::vector<double>& w, const CsrMatrix& x, size_t row, double bias, double d) {
  for (size_t p = x.row_start[row]; p < x.row_start[row + 1]; ++p) w[x.col[p]] += d * x.val[p];
  if (bias != 0) w[x.cols] += d * bias;
}

double SquaredNorm(const CsrMatrix& x, size_t row, double bias) {
  double s = bias * bias;
  for (size_t p = x.row_start[row]; p < x.row_start[row + 1]; ++p) {
    s += static_cast<double>(x.val[p]) * x.val[p];
  }
  return s;
}

void Shuffle(std::vector<size_t>& v, size_t n, Rng& rng) {
  for (size_t i = 0; i + 1 < n; ++i) std::swap(v[i], v[i + rng.Below(n - i)]);
}

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

constexpr size_t kPrefetch = 12;  // rows ahead to prefetch in the solver's loops

// The solver for a fixed stride (a multiple of 8, so the per-row loops vectorise).
template <size_t kStride>
void SolveOneVsRest(const OneVsRestProblem& problem, const SolverOptions& options, size_t stride,
                    std::vector<float>& weights) {
  const CsrMatrix& x = *problem.x;
  const size_t n = x.rows();
  const size_t k = static_cast<size_t>(problem.num_classes);
  const size_t s = kStride ? kStride : stride;
  const double inf = std::numeric_limits<double>::infinity();
  const float bias = static_cast<float>(problem.bias);
  float* w = weights.data();
  float* w_bias = w + x.cols * s;
  std::vector<double> alpha(n * k, 0.0);
  std::vector<double> diag(n), qd(n);
  std::vector<uint8_t> active(n * k, 1);
  std::vector<size_t> active_count(k, n);
  std::vector<double> pg_max_old(k, inf);
  std::vector<uint8_t> done(k, 0);
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) {
    diag[i] = 0.5 / problem.cost[i];
    qd[i] = diag[i] + SquaredNorm(x, i, problem.bias);
    order[i] = i;
  }
  Rng rng(options.seed);
  std::vector<float> dot(s), delta(s);
  std::vector<double> pg_max_new(k), pg_min_new(k);
  for (int epoch = 0; epoch < options.max_epochs; ++epoch) {
    std::fill(pg_max_new.begin(), pg_max_new.end(), -inf);
    std::fill(pg_min_new.begin(), pg_min_new.end(), inf);
    Shuffle(order, n, rng);
    for (size_t i : order) {
      uint8_t* act = &active[i * k];
      bool any = false;
      for (size_t c = 0; c < k; ++c) any |= act[c] && !done[c];
      if (!any) continue;
      std::fill(dot.begin(), dot.end(), 0.0f);
      const size_t begin = x.row_start[i], end = x.row_start[i + 1];
      for (size_t p = begin; p < end; ++p) {
        if (p + kPrefetch < end) __builtin_prefetch(w + static_cast<size_t>(x.col[p + kPrefetch]) * s);
        const float* row = w + static_cast<size_t>(x.col[p]) * s;
        const float v = x.val[p];
        for (size_t c = 0; c < s; ++c) dot[c] += row[c] * v;
      }
      bool changed = false;
      for (size_t c = 0; c < s; ++c) delta[c] = 0.0f;
      for (size_t c = 0; c < k; ++c) {
        if (!act[c] || done[c]) continue;
        const double yi = problem.labels[i] == static_cast<int>(c) ? 1.0 : -1.0;
        double& a = alpha[i * k + c];
        const double g = yi * (dot[c] + w_bias[c] * bias) - 1.0 + a * diag[i];
        double pg = 0;
        if (a == 0) {
          if (g > pg_max_old[c]) {  // shrink: at the bound and likely to stay there
            act[c] = 0;
            --active_count[c];
            continue;
          }
          if (g < 0) pg = g;
        } else {
          pg = g;
        }
        pg_max_new[c] = std::max(pg_max_new[c], pg);
        pg_min_new[c] = std::min(pg_min_new[c], pg);
        if (std::fabs(pg) > 1e-12) {
          const double old = a;
          a = std::max(a - g / qd[i], 0.0);
          delta[c] = static_cast<float>((a - old) * yi);
          changed = true;
        }
      }
      if (!changed) continue;
      for (size_t p = begin; p < end; ++p) {
        float* row = w + static_cast<size_t>(x.col[p]) * s;
        const float v = x.val[p];
        for (size_t c = 0; c < s; ++c) row[c] += delta[c] * v;
      }
      for (size_t c = 0; c < k; ++c) w_bias[c] += delta[c] * bias;
    }
    bool all_done = true;
    for (size_t c = 0; c < k; ++c) {
      if (done[c]) continue;
      if (pg_max_new[c] - pg_min_new[c] <= options.tolerance) {
        if (active_count[c] == n) {
          done[c] = 1;
          continue;
        }
        // Converged on the active set: check every example once more.
        for (size_t i = 0; i < n; ++i) active[i * k + c] = 1;
        active_count[c] = n;
        pg_max_old[c] = inf;
      } else {
        pg_max_old[c] = pg_max_new[c] <= 0 ? inf : pg_max_new[c];
      }
      all_done = false;
    }
    if (all_done) break;
  }
}

}  // namespace

OneVsRestWeights SolveOneVsRestSvm(const OneVsRestProblem& problem, const SolverOptions& options) {
  OneVsRestWeights out;
  out.stride = (static_cast<size_t>(problem.num_classes) + 7) / 8 * 8;
  out.w.assign((problem.x->cols + 1) * out.stride, 0.0f);
  switch (out.stride) {
    case 8:
      SolveOneVsRest<8>(problem, options, out.stride, out.w);
      break;
    case 16:
      SolveOneVsRest<16>(problem, options, out.stride, out.w);
      break;
    default:
      SolveOneVsRest<0>(problem, options, out.stride, out.w);
  }
  return out;
}

std::vector<double> SolveLogisticDual(const BinaryProblem& problem, const SolverOptions& options) {
  const CsrMatrix& x = *problem.x;
  const size_t l = x.rows();
  constexpr int kMaxInner = 100;
  const double inner_eps_min = std::min(1e-8, options.tolerance);
  double inner_eps = 1e-2;
  std::vector<double> w(x.cols + 1, 0.0);
  std::vector<double> alpha(2 * l);  // alpha[2i] and its complement alpha[2i+1] = C_i - alpha[2i]
  std::vector<double> xtx(l);
  std::vector<size_t> index(l);
  for (size_t i = 0; i < l; ++i) {
    const double c = problem.cost[i];
    alpha[2 * i] = std::min(0.001 * c, 1e-8);
    alpha[2 * i + 1] = c - alpha[2 * i];
    xtx[i] = SquaredNorm(x, i, problem.bias);
    AddScaled(w, x, i, problem.bias, problem.y[i] * alpha[2 * i]);
    index[i] = i;
  }
  Rng rng(options.seed);
  for (int epoch = 0; epoch < options.max_epochs; ++epoch) {
    Shuffle(index, l, rng);
    size_t newton_steps = 0;
    double g_max = 0;
    for (size_t s = 0; s < l; ++s) {
      const size_t i = index[s];
      const double yi = problem.y[i];
      const double c = problem.cost[i];
      const double a = xtx[i];
      const double b = yi * Dot(w, x, i, problem.bias);
      size_t ind1 = 2 * i, ind2 = 2 * i + 1;
      double sign = 1;
      if (0.5 * a * (alpha[ind2] - alpha[ind1]) + b < 0) {
        std::swap(ind1, ind2);
        sign = -1;
      }
      const double old = alpha[ind1];
      double z = old;
      if (c - z < 0.5 * c) z *= 0.1;
      double gp = a * (z - old) + sign * b + std::log(z / (c - z));
      g_max = std::max(g_max, std::fabs(gp));
      int inner = 0;
      while (inner <= kMaxInner && std::fabs(gp) >= inner_eps) {
        const double gpp = a + c / (c - z) / z;
        const double next = z - gp / gpp;
        z = next <= 0 ? z * 0.1 : next;
        gp = a * (z - old) + sign * b + std::log(z / (c - z));
        ++newton_steps;
        ++inner;
      }
      if (inner > 0) {
        alpha[ind1] = z;
        alpha[ind2] = c - z;
        AddScaled(w, x, i, problem.bias, sign * (z - old) * yi);
      }
    }
    if (g_max < options.tolerance) break;
    if (newton_steps <= l / 10) inner_eps = std::max(inner_eps_min, 0.1 * inner_eps);
  }
  return w;
}

void Softmax(const float* scores, size_t k, double temperature, float* probs) {
  float top = *std::max_element(scores, scores + k);
  double sum = 0;
  for (size_t j = 0; j < k; ++j) sum += std::exp(temperature * (scores[j] - top));
  for (size_t j = 0; j < k; ++j) {
    probs[j] = static_cast<float>(std::exp(temperature * (scores[j] - top)) / sum);
  }
}

double FitTemperature(const std::vector<float>& scores, size_t k, const std::vector<int>& gold) {
  const size_t n = gold.size();
  if (n == 0 || k == 0) return 1.0;
  // d/dt of the mean NLL: E_softmax[s] - s_gold, averaged. The NLL is convex in
  // t, so its derivative rises with t and bisection (on a log scale) finds the zero.
  auto slope = [&](double t) {
    double g = 0;
    for (size_t r = 0; r < n; ++r) {
      const float* s = &scores[r * k];
      const float top = *std::max_element(s, s + k);
      double z = 0, m1 = 0;
      for (size_t j = 0; j < k; ++j) {
        const double e = std::exp(t * (s[j] - top));
        z += e;
        m1 += e * s[j];
      }
      g += m1 / z - s[gold[r]];
    }
    return g / n;
  };
  double lo = 1e-3, hi = 1e3;
  while (hi / lo > 1.0001) {
    const double mid = std::sqrt(lo * hi);
    if (slope(mid) > 0) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return std::sqrt(lo * hi);
}

}  // namespace lianxin::dispatch
