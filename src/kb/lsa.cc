#include "kb/lsa.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace lianxin::kb {

namespace {

struct SparseRow {
  std::vector<uint32_t> cols;
  std::vector<float> vals;
};

// Dot product of two contiguous arrays, in four running sums (so it vectorises).
double DotN(const double* a, const double* b, size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t r = 0;
  for (; r + 4 <= n; r += 4) {
    s0 += a[r] * b[r];
    s1 += a[r + 1] * b[r + 1];
    s2 += a[r + 2] * b[r + 2];
    s3 += a[r + 3] * b[r + 3];
  }
  for (; r < n; ++r) s0 += a[r] * b[r];
  return (s0 + s1) + (s2 + s3);
}

// Matrices are stored row-major as vector<double>. Orthonormalises the columns
// of m (rows x cols) in place (modified Gram-Schmidt, two passes), working on a
// column-major copy so every inner loop runs over contiguous memory.
void Orthonormalize(std::vector<double>& m, size_t rows, size_t cols) {
  std::vector<double> t(rows * cols);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) t[c * rows + r] = m[r * cols + c];
  for (size_t j = 0; j < cols; ++j) {
    double* cj = &t[j * rows];
    for (size_t pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < j; ++i) {
        const double* ci = &t[i * rows];
        double dot = DotN(ci, cj, rows);
        for (size_t r = 0; r < rows; ++r) cj[r] -= dot * ci[r];
      }
    }
    double norm = std::sqrt(DotN(cj, cj, rows));
    if (norm < 1e-12) {
      for (size_t r = 0; r < rows; ++r) cj[r] = 0;
    } else {
      for (size_t r = 0; r < rows; ++r) cj[r] /= norm;
    }
  }
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) m[r * cols + c] = t[c * rows + r];
}

// Y (n x l) = X (n x V) * W (V x l).
std::vector<double> Times(const std::vector<SparseRow>& x, const std::vector<double>& w, size_t l) {
  std::vector<double> y(x.size() * l, 0.0);
  for (size_t r = 0; r < x.size(); ++r) {
    double* out = &y[r * l];
    for (size_t k = 0; k < x[r].cols.size(); ++k) {
      const double* in = &w[static_cast<size_t>(x[r].cols[k]) * l];
      double v = x[r].vals[k];
      for (size_t j = 0; j < l; ++j) out[j] += v * in[j];
    }
  }
  return y;
}

// W (V x l) = X^T (V x n) * Y (n x l).
std::vector<double> TransposeTimes(const std::vector<SparseRow>& x, size_t vocab,
                                   const std::vector<double>& y, size_t l) {
  std::vector<double> w(vocab * l, 0.0);
  for (size_t r = 0; r < x.size(); ++r) {
    const double* in = &y[r * l];
    for (size_t k = 0; k < x[r].cols.size(); ++k) {
      double* out = &w[static_cast<size_t>(x[r].cols[k]) * l];
      double v = x[r].vals[k];
      for (size_t j = 0; j < l; ++j) out[j] += v * in[j];
    }
  }
  return w;
}

// Eigen-decomposition of the symmetric l x l matrix a (row-major) by cyclic
// Jacobi rotations; returns eigenvalues, and eigenvectors as the columns of v.
std::vector<double> JacobiEigen(std::vector<double> a, size_t l, std::vector<double>& v) {
  v.assign(l * l, 0.0);
  for (size_t i = 0; i < l; ++i) v[i * l + i] = 1.0;
  for (int sweep = 0; sweep < 60; ++sweep) {
    double off = 0;
    for (size_t p = 0; p < l; ++p)
      for (size_t q = p + 1; q < l; ++q) off += a[p * l + q] * a[p * l + q];
    if (off < 1e-22) break;
    for (size_t p = 0; p < l; ++p) {
      for (size_t q = p + 1; q < l; ++q) {
        double apq = a[p * l + q];
        if (std::abs(apq) < 1e-300) continue;
        double theta = (a[q * l + q] - a[p * l + p]) / (2 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        double c = 1 / std::sqrt(t * t + 1);
        double s = t * c;
        for (size_t k = 0; k < l; ++k) {
          double akp = a[k * l + p];
          double akq = a[k * l + q];
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < l; ++k) {
          double apk = a[p * l + k];
          double aqk = a[q * l + k];
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (size_t k = 0; k < l; ++k) {
          double vkp = v[k * l + p];
          double vkq = v[k * l + q];
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  std::vector<double> values(l);
  for (size_t i = 0; i < l; ++i) values[i] = a[i * l + i];
  return values;
}

}  // namespace

Result<LsaModel> LsaModel::Fit(const std::vector<std::vector<std::string>>& docs,
                               const LsaOptions& options) {
  if (docs.size() < 2) return Status::InvalidArgument("LSA needs at least 2 documents");
  if (docs.size() > options.max_training_docs && options.max_training_docs >= 2) {
    std::vector<size_t> pick(docs.size());
    std::iota(pick.begin(), pick.end(), 0);
    std::mt19937_64 sample_rng(options.seed);
    std::shuffle(pick.begin(), pick.end(), sample_rng);
    pick.resize(options.max_training_docs);
    std::sort(pick.begin(), pick.end());
    std::vector<std::vector<std::string>> sample;
    sample.reserve(pick.size());
    for (size_t i : pick) sample.push_back(docs[i]);
    LsaOptions rest = options;
    rest.max_training_docs = sample.size();
    return Fit(sample, rest);
  }
  std::unordered_map<std::string, uint32_t> df;
  for (const auto& d : docs) {
    std::vector<std::string> uniq(d.begin(), d.end());
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    for (const auto& w : uniq) ++df[w];
  }
  LsaModel model;
  double n = static_cast<double>(docs.size());
  std::vector<std::pair<std::string, uint32_t>> kept;
  for (const auto& [w, c] : df) {
    if (static_cast<int>(c) >= options.min_df && c <= options.max_df_share * n) kept.emplace_back(w, c);
  }
  if (kept.empty()) return Status::InvalidArgument("LSA: no word passes the frequency limits");
  std::sort(kept.begin(), kept.end());
  for (const auto& [w, c] : kept) {
    model.vocab_.emplace(w, static_cast<uint32_t>(model.idf_.size()));
    model.idf_.push_back(static_cast<float>(std::log(n / c)));
  }
  size_t vocab = model.idf_.size();
  std::vector<SparseRow> x(docs.size());
  for (size_t r = 0; r < docs.size(); ++r) {
    std::unordered_map<uint32_t, uint32_t> tf;
    for (const auto& w : docs[r]) {
      auto it = model.vocab_.find(w);
      if (it != model.vocab_.end()) ++tf[it->second];
    }
    double norm = 0;
    for (auto [c, f] : tf) {
      float v = static_cast<float>((1.0 + std::log(f)) * model.idf_[c]);
      x[r].cols.push_back(c);
      x[r].vals.push_back(v);
      norm += static_cast<double>(v) * v;
    }
    if (norm > 0) {
      float inv = static_cast<float>(1 / std::sqrt(norm));
      for (float& v : x[r].vals) v *= inv;
    }
  }
  size_t l = std::min<size_t>(static_cast<size_t>(options.dims + options.oversample),
                              std::min(vocab, docs.size()));
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::vector<double> omega(vocab * l);
  for (double& v : omega) v = gauss(rng);
  std::vector<double> y = Times(x, omega, l);
  Orthonormalize(y, x.size(), l);
  for (int it = 0; it < options.power_iterations; ++it) {
    std::vector<double> w = TransposeTimes(x, vocab, y, l);
    Orthonormalize(w, vocab, l);
    y = Times(x, w, l);
    Orthonormalize(y, x.size(), l);
  }
  // B^T = X^T Q (V x l); B B^T = Q^T X X^T Q (l x l).
  std::vector<double> bt = TransposeTimes(x, vocab, y, l);
  std::vector<double> gram(l * l, 0.0);
  for (size_t r = 0; r < vocab; ++r) {
    const double* row = &bt[r * l];
    for (size_t i = 0; i < l; ++i) {
      if (row[i] == 0) continue;
      for (size_t j = i; j < l; ++j) gram[i * l + j] += row[i] * row[j];
    }
  }
  for (size_t i = 0; i < l; ++i)
    for (size_t j = 0; j < i; ++j) gram[i * l + j] = gram[j * l + i];
  std::vector<double> evec;
  std::vector<double> evals = JacobiEigen(gram, l, evec);
  std::vector<size_t> order(l);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return evals[a] > evals[b]; });
  size_t k = std::min<size_t>(static_cast<size_t>(options.dims), l);
  while (k > 0 && evals[order[k - 1]] <= 1e-12) --k;
  if (k == 0) return Status::InvalidArgument("LSA: the corpus has no variance");
  model.dims_ = static_cast<int>(k);
  // V_k = B^T U_b S^-1: columns are right singular vectors; we keep V_k (not
  // scaled) so a document projects to U S, and cosines compare like with like.
  model.projection_.assign(vocab * k, 0.0f);
  for (size_t j = 0; j < k; ++j) {
    size_t e = order[j];
    double inv_sigma = 1.0 / std::sqrt(evals[e]);
    for (size_t r = 0; r < vocab; ++r) {
      double s = 0;
      const double* row = &bt[r * l];
      for (size_t i = 0; i < l; ++i) s += row[i] * evec[i * l + e];
      model.projection_[r * k + j] = static_cast<float>(s * inv_sigma);
    }
  }
  return model;
}

std::vector<float> LsaModel::Embed(const std::vector<std::string>& words) const {
  std::vector<float> out(static_cast<size_t>(dims_), 0.0f);
  if (dims_ == 0) return out;
  std::unordered_map<uint32_t, uint32_t> tf;
  for (const auto& w : words) {
    auto it = vocab_.find(w);
    if (it != vocab_.end()) ++tf[it->second];
  }
  size_t k = static_cast<size_t>(dims_);
  for (auto [c, f] : tf) {
    float v = static_cast<float>((1.0 + std::log(f)) * idf_[c]);
    const float* row = &projection_[static_cast<size_t>(c) * k];
    for (size_t j = 0; j < k; ++j) out[j] += v * row[j];
  }
  double norm = 0;
  for (float v : out) norm += static_cast<double>(v) * v;
  if (norm > 0) {
    float inv = static_cast<float>(1 / std::sqrt(norm));
    for (float& v : out) v *= inv;
  }
  return out;
}

float Dot(const std::vector<float>& a, const float* b) {
  float s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace lianxin::kb
