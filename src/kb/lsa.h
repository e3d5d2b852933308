// Latent semantic vectors trained on our own corpus (no pretrained model is
// obtainable offline): a truncated SVD of the corpus's sublinear tf-idf matrix,
// computed by randomized range finding with power iterations (Halko et al.),
// then a Jacobi eigensolver on the small projected matrix.
// An LsaModel is immutable after Fit and safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace lianxin::kb {

struct LsaOptions {
  int dims = 160;            // latent dimensions kept
  int oversample = 20;       // extra random directions for the range finder
  int power_iterations = 2;  // sharpen the spectrum before projecting
  int min_df = 2;            // words in fewer documents are left out
  double max_df_share = 0.5; // words in more than this share of documents are left out
  uint64_t seed = 20261201;
  size_t max_training_docs = 20000;  // larger corpora are fitted on a seeded sample of this many
};

class LsaModel {
 public:
  // Fits on `docs` (each a list of words). kInvalidArgument when fewer than 2
  // documents or no word passes the document-frequency limits. Blocks
  // (≈1 s for 3,000 replies on one core).
  static Result<LsaModel> Fit(const std::vector<std::vector<std::string>>& docs,
                              const LsaOptions& options = {});
  // The L2-normalised latent vector of a word list (all zeros when no word is
  // known). Size dims().
  std::vector<float> Embed(const std::vector<std::string>& words) const;
  int dims() const { return dims_; }
  size_t vocabulary_size() const { return idf_.size(); }

 private:
  int dims_ = 0;
  std::unordered_map<std::string, uint32_t> vocab_;
  std::vector<float> idf_;
  // vocabulary_size() x dims_, row-major: the term → latent projection V_k.
  std::vector<float> projection_;
};

// Dot product of two equally sized vectors.
float Dot(const std::vector<float>& a, const float* b);

}  // namespace lianxin::kb
