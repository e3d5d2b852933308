// The objectives the classifier optimises, each with its solver:
//  - L2-regularised L2-loss linear SVM, dual coordinate descent with shrinking
//    (Hsieh et al. 2008; LIBLINEAR -s 1);
//  - L2-regularised logistic regression, dual coordinate descent (Yu, Huang & Lin
//    2011; LIBLINEAR -s 7);
//  - softmax temperature for calibrated probabilities (mean negative log-likelihood
//    of out-of-fold scores, one convex variable).
//
// Pure functions over caller-owned data; deterministic for a given seed; safe to
// call from several threads on different data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lianxin::dispatch {

// A read-only sparse matrix in compressed rows over compact column ids.
struct CsrMatrix {
  std::vector<size_t> row_start{0};  // rows() + 1 entries
  std::vector<uint32_t> col;
  std::vector<float> val;
  size_t cols = 0;
  size_t rows() const { return row_start.size() - 1; }
};

// One binary problem: labels y_i ∈ {+1, -1} and per-example cost C_i > 0. A
// constant feature of value `bias` (0 = none) is appended to every row.
struct BinaryProblem {
  const CsrMatrix* x = nullptr;
  std::vector<int8_t> y;
  std::vector<double> cost;
  double bias = 1.0;
};

struct SolverOptions {
  int max_epochs = 200;
  double tolerance = 0.1;  // LIBLINEAR's eps for the dual solvers
  uint64_t seed = 42;      // order of the coordinates
};

// Weights of the binary decision function f(x) = w·x + w[cols]·bias, so the
// result has x->cols + 1 entries (the last is the bias weight).
std::vector<double> SolveLogisticDual(const BinaryProblem& problem, const SolverOptions& options);

// K one-vs-rest problems over the same rows: class c has y_i = +1 where
// labels[i] == c, else -1; example i costs cost[i] in every problem.
struct OneVsRestProblem {
  const CsrMatrix* x = nullptr;
  std::vector<int> labels;  // 0..num_classes-1
  int num_classes = 0;
  std::vector<double> cost;
  double bias = 1.0;
};

// Weights of the K L2-loss SVMs, solved together by dual coordinate descent
// with per-class shrinking: one pass over a row serves every class, so the
// weights are stored row-major, (x->cols + 1) rows of `stride` floats (stride =
// num_classes rounded up to 8; the last row is the bias weight).
struct OneVsRestWeights {
  size_t stride = 0;
  std::vector<float> w;
  float at(size_t col, size_t cls) const { return w[col * stride + cls]; }
};
OneVsRestWeights SolveOneVsRestSvm(const OneVsRestProblem& problem, const SolverOptions& options);

// Softmax with temperature: p_k = exp(t·s_k) / Σ exp(t·s_j), written to `probs`.
void Softmax(const float* scores, size_t k, double temperature, float* probs);

// The temperature t > 0 minimising the mean of -ln softmax(t·s)[gold] over the
// rows of `scores` (row-major, `k` per row). Returns 1 for empty input.
double FitTemperature(const std::vector<float>& scores, size_t k, const std::vector<int>& gold);

// A small deterministic generator (splitmix64), so results do not depend on the
// standard library's distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

}  // namespace lianxin::dispatch
