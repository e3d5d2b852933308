// Hot-topic features: options, vocabulary, the featurizer (text → weighted terms)
// and the heat index. The clustering itself is in clustering.cc.
#include "insight/hotspots.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <thread>

namespace lianxin::insight {

namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Words worth clustering on: two characters or more, not a pure number.
bool Keep(std::string_view token) {
  if (CodePoints(token) < 2) return false;
  bool all_digits = true;
  for (unsigned char c : token) {
    if (c >= 0x80 || !(std::isdigit(c) || c == '.' || c == '-' || c == ':')) {
      all_digits = false;
      break;
    }
  }
  return !all_digits;
}

// The first `max_chars` code points of `s`.
std::string_view Prefix(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return s.substr(0, i);
      ++chars;
    }
  }
  return s;
}

}  // namespace

std::string HotspotOptions::ToString() const {
  std::ostringstream out;
  out << "join_threshold=" << join_threshold << "\nother_district_penalty=" << other_district_penalty
      << "\nwindow_days=" << window / kDayMs << "\ntitle_weight=" << title_weight
      << "\nmax_body_chars=" << max_body_chars << "\nmax_terms=" << max_terms
      << "\ncentroid_terms=" << centroid_terms << "\nindex_terms=" << index_terms
      << "\nprobe_terms=" << probe_terms << "\nmax_scan=" << max_scan << "\nrescore=" << rescore
      << "\nmin_size=" << min_size
      << "\n";
  return out.str();
}

void Vocabulary::AddDocument(const TicketTerms& terms) { AddDocumentIds(terms); }

std::vector<std::pair<uint32_t, float>> Vocabulary::AddDocumentIds(const TicketTerms& terms) {
  std::vector<std::pair<uint32_t, float>> ids;
  ids.reserve(terms.counts.size());
  for (const auto& [token, count] : terms.counts) {
    uint32_t id = terms_.Intern(token);
    if (id >= df_.size()) df_.resize(id + 1, 0);
    ++df_[id];
    ids.emplace_back(id, count);
  }
  ++documents_;
  return ids;
}

void TermTable::Add(const TicketTerms& terms) {
  counts.push_back(vocabulary.AddDocumentIds(terms));
  region_codes.push_back(terms.region_code);
  place_names.push_back(terms.place_name);
}

HotspotFeaturizer::HotspotFeaturizer(const text::Segmenter& segmenter,
                                     const text::Gazetteer* gazetteer, HotspotOptions options)
    : segmenter_(segmenter), gazetteer_(gazetteer), options_(options) {}

TicketTerms HotspotFeaturizer::Extract(const HotspotInput& input) const {
  TicketTerms out;
  std::string title = text::Normalize(input.title);
  std::string body = text::Normalize(Prefix(input.body, options_.max_body_chars));
  std::vector<std::string> tokens;
  std::vector<std::pair<std::string, float>> counts;
  auto add = [&](const std::string& text, float weight) {
    tokens.clear();
    segmenter_.Cut(text, tokens);
    for (std::string& t : tokens) {
      if (Keep(t)) counts.emplace_back(std::move(t), weight);
    }
  };
  add(title, static_cast<float>(options_.title_weight));
  add(body, 1.0f);
  std::sort(counts.begin(), counts.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [token, weight] : counts) {
    if (!out.counts.empty() && out.counts.back().first == token) {
      out.counts.back().second += weight;
    } else {
      out.counts.emplace_back(std::move(token), weight);
    }
  }
  if (gazetteer_ != nullptr) {
    // On the raw text, so the place keeps the writer's spelling ("A2区", not "a2区").
    std::string both = input.title + " " + std::string(Prefix(input.body, options_.max_body_chars));
    out.region_code = gazetteer_->Locate(both);
    if (!out.region_code.empty()) {
      for (const text::PlaceMention& m : gazetteer_->Find(both)) {
        if (m.region_code == out.region_code) {
          out.place_name = m.name;
          break;
        }
      }
    }
  }
  return out;
}

TicketVector HotspotFeaturizer::Weigh(const TicketTerms& terms, Vocabulary& vocabulary) const {
  std::vector<std::pair<uint32_t, float>> counts;
  counts.reserve(terms.counts.size());
  for (const auto& [token, count] : terms.counts) counts.emplace_back(vocabulary.Intern(token), count);
  TicketVector out = WeighIds(counts, vocabulary);
  out.region_code = terms.region_code;
  out.place_name = terms.place_name;
  return out;
}

TicketVector HotspotFeaturizer::WeighIds(const std::vector<std::pair<uint32_t, float>>& counts,
                                         const Vocabulary& vocabulary) const {
  TicketVector out;
  const double n = static_cast<double>(vocabulary.Count());
  std::vector<std::pair<uint32_t, float>> weighted;
  weighted.reserve(counts.size());
  for (const auto& [id, count] : counts) {
    double idf = std::log((n + 1) / (vocabulary.DocumentFrequency(id) + 1.0)) + 1;
    weighted.emplace_back(id, static_cast<float>((1 + std::log(count)) * idf));
  }
  if (weighted.size() > options_.max_terms) {
    std::nth_element(weighted.begin(), weighted.begin() + options_.max_terms, weighted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    weighted.resize(options_.max_terms);
  }
  double norm = 0;
  for (const auto& [id, w] : weighted) norm += double(w) * w;
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (auto& [id, w] : weighted) w = static_cast<float>(w / norm);
  }
  std::sort(weighted.begin(), weighted.end());
  out.terms = std::move(weighted);
  return out;
}

double HeatIndex(int64_t people, size_t tickets, int64_t likes, double growth, int64_t urgent) {
  return 10 * (0.30 * std::log1p(static_cast<double>(people)) + 0.25 * std::log1p(static_cast<double>(tickets)) +
               0.20 * std::log1p(static_cast<double>(std::max<int64_t>(likes, 0))) +
               0.15 * std::log(std::max(growth, 1.0)) + 0.10 * std::log1p(static_cast<double>(urgent)));
}

double HeatIndex(const Hotspot& h) {
  return HeatIndex(h.people, h.ticket_ids.size(), h.likes, h.growth, h.urgent);
}

std::vector<TicketTerms> ExtractAll(const HotspotFeaturizer& featurizer,
                                    const std::vector<HotspotInput>& inputs, int threads) {
  std::vector<TicketTerms> out(inputs.size());
  threads = std::max(1, threads);
  auto work = [&](size_t first) {
    for (size_t i = first; i < inputs.size(); i += static_cast<size_t>(threads)) {
      out[i] = featurizer.Extract(inputs[i]);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
  work(0);
  for (std::thread& t : pool) t.join();
  return out;
}

}  // namespace lianxin::insight
