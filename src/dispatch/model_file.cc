#include "dispatch/model_file.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace lianxin::dispatch {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

namespace {

constexpr size_t kHeaderBytes = 16;   // magic, version, payload size
constexpr size_t kTrailerBytes = 8;   // checksum
constexpr uint64_t kMaxLabels = 256;
constexpr uint64_t kMaxLabelBytes = 1024;
constexpr uint64_t kMaxOptionsBytes = 1 << 16;

// 64-bit checksum over 8-byte words (FNV-style multiply, with a final mix);
// fast enough for tens of MB and sensitive to any flipped bit.
uint64_t Checksum(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL ^ bytes.size();
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ULL;
    h ^= h >> 32;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

template <typename T>
void Put(std::string& out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out.append(buf, sizeof(T));
}

void PutString(std::string& out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

// Bounds-checked reading of the payload.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T& value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetString(std::string& s, uint64_t max_bytes) {
    uint32_t n;
    if (!Get(n) || n > max_bytes || bytes_.size() - pos_ < n) return false;
    s.assign(bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  template <typename T>
  bool GetArray(std::vector<T>& out, uint64_t count) {
    if (count > (bytes_.size() - pos_) / sizeof(T)) return false;
    out.resize(count);
    std::memcpy(out.data(), bytes_.data() + pos_, count * sizeof(T));
    pos_ += count * sizeof(T);
    return true;
  }
  bool AtEnd() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

Status Malformed(const std::string& what) {
  return Status::InvalidArgument("malformed model file: " + what);
}

}  // namespace

std::string SerializeModel(const LinearModel& model) {
  const size_t k = model.num_classes();
  const size_t f = model.num_features();
  std::string payload;
  payload.reserve(64 + f * (8 + 4 * (k + 1)));
  Put<uint64_t>(payload, model.segmenter_fingerprint());
  Put<double>(payload, model.temperature());
  Put<double>(payload, model.auto_threshold());
  PutString(payload, ToString(model.options()));
  Put<uint32_t>(payload, static_cast<uint32_t>(k));
  for (const std::string& label : model.labels()) PutString(payload, label);
  for (float b : model.bias()) Put<float>(payload, b);
  Put<uint64_t>(payload, f);
  for (uint64_t key : model.vocabulary().keys()) Put<uint64_t>(payload, key);
  for (size_t id = 0; id < f; ++id) {
    const float* row = model.row(static_cast<uint32_t>(id));
    payload.append(reinterpret_cast<const char*>(row), (k + 1) * sizeof(float));
  }
  std::string out;
  out.reserve(kHeaderBytes + payload.size() + kTrailerBytes);
  Put<uint32_t>(out, kModelMagic);
  Put<uint32_t>(out, kModelFormatVersion);
  Put<uint64_t>(out, payload.size());
  out += payload;
  Put<uint64_t>(out, Checksum(payload));
  return out;
}

Result<std::unique_ptr<LinearModel>> ParseModel(std::string_view bytes) {
  if (bytes.size() < 4) return Status::InvalidArgument("not a lianxin dispatch model (file too short)");
  uint32_t magic, version;
  std::memcpy(&magic, bytes.data(), 4);
  if (magic != kModelMagic) return Status::InvalidArgument("not a lianxin dispatch model (bad magic number)");
  if (bytes.size() < kHeaderBytes + kTrailerBytes) {
    return Status::InvalidArgument("truncated model file (" + std::to_string(bytes.size()) + " bytes)");
  }
  std::memcpy(&version, bytes.data() + 4, 4);
  if (version != kModelFormatVersion) {
    return Status::InvalidArgument("unsupported model format version " + std::to_string(version) +
                                   " (this build reads version " +
                                   std::to_string(kModelFormatVersion) + ")");
  }
  uint64_t payload_size;
  std::memcpy(&payload_size, bytes.data() + 8, 8);
  const uint64_t available = bytes.size() - kHeaderBytes - kTrailerBytes;
  if (payload_size > available) {
    return Status::InvalidArgument("truncated model file: expected " +
                                   std::to_string(payload_size + kHeaderBytes + kTrailerBytes) +
                                   " bytes, found " + std::to_string(bytes.size()));
  }
  if (payload_size < available) {
    return Status::InvalidArgument("model file has " + std::to_string(available - payload_size) +
                                   " unexpected trailing bytes");
  }
  const std::string_view payload = bytes.substr(kHeaderBytes, payload_size);
  uint64_t stored_sum;
  std::memcpy(&stored_sum, bytes.data() + kHeaderBytes + payload_size, 8);
  if (stored_sum != Checksum(payload)) {
    return Status::InvalidArgument("corrupt model file: checksum mismatch");
  }

  Reader in(payload);
  uint64_t fingerprint;
  double temperature, auto_threshold;
  std::string options_text;
  if (!in.Get(fingerprint) || !in.Get(temperature) || !in.Get(auto_threshold) ||
      !in.GetString(options_text, kMaxOptionsBytes)) {
    return Malformed("header fields");
  }
  auto options = ParseOptions(options_text);
  if (!options.ok()) return Malformed(options.status().message());
  if (Status s = Validate(*options); !s.ok()) return Malformed(s.message());
  if (!(temperature > 0) || !std::isfinite(temperature)) return Malformed("temperature");
  if (std::isnan(auto_threshold)) return Malformed("auto-dispatch threshold");
  uint32_t k;
  if (!in.Get(k) || k < 2 || k > kMaxLabels) return Malformed("label count");
  std::vector<std::string> labels(k);
  for (auto& label : labels) {
    if (!in.GetString(label, kMaxLabelBytes) || label.empty()) return Malformed("label");
  }
  std::vector<float> bias;
  if (!in.GetArray(bias, k)) return Malformed("bias");
  uint64_t f;
  std::vector<uint64_t> keys;
  std::vector<float> rows;
  if (!in.Get(f) || !in.GetArray(keys, f)) return Malformed("feature keys");
  if (f != 0 && (k + 1) > UINT64_MAX / f) return Malformed("feature count");
  if (!in.GetArray(rows, f * (k + 1))) return Malformed("feature weights");
  if (!in.AtEnd()) return Malformed("unexpected bytes after the weights");
  std::vector<float> idf(f);
  for (uint64_t id = 0; id < f; ++id) {
    idf[id] = rows[id * (k + 1)];
    if (!(idf[id] > 0) || !std::isfinite(idf[id])) return Malformed("idf of feature " + std::to_string(id));
  }
  auto vocabulary = Vocabulary::FromKeys(std::move(keys), std::move(idf));
  if (!vocabulary.ok()) return Malformed(vocabulary.status().message());

  auto model = std::make_unique<LinearModel>(*options, std::move(labels), std::move(*vocabulary));
  for (uint64_t id = 0; id < f; ++id) {
    std::memcpy(model->row(static_cast<uint32_t>(id)), &rows[id * (k + 1)], (k + 1) * sizeof(float));
  }
  model->bias() = std::move(bias);
  model->set_temperature(temperature);
  model->set_auto_threshold(auto_threshold);
  model->set_segmenter_fingerprint(fingerprint);
  return model;
}

Status SaveModel(const LinearModel& model, const std::string& path) {
  const std::string bytes = SerializeModel(model);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Unavailable("cannot write model file " + tmp);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::Unavailable("cannot write model file " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::Unavailable("cannot move model file into place at " + path);
  }
  return Status::Ok();
}

Result<std::unique_ptr<LinearModel>> LoadModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open model file " + path);
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::Unavailable("cannot read model file " + path);
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), size);
  if (!in) return Status::Unavailable("cannot read model file " + path);
  auto model = ParseModel(bytes);
  if (!model.ok()) {
    return Status(model.status().code(), path + ": " + model.status().message());
  }
  return model;
}

}  // namespace lianxin::dispatch
