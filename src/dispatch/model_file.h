// The model file: a trained LinearModel on disk.
//
// Layout (little-endian):
//   u32 magic "LXDM"  u32 format version  u64 payload bytes
//   payload: u64 segmenter fingerprint, f64 temperature, f64 auto-dispatch
//            threshold, options text (ToString),
//            labels, f32 bias per label, u64 feature count, u64 key per feature,
//            f32 [idf, weight per label] per feature
//   u64 checksum of the payload
// Load checks the magic, the version, the size and the checksum before parsing,
// so a truncated or corrupted file is refused with a clear Status, never half
// loaded. Save writes a temporary file and renames it over `path`, so a reader
// never sees a partial file.
//
// Pure functions; safe to call from several threads (on different paths).
// Load blocks on reading the file (tens of MB; tens of milliseconds).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "dispatch/model.h"

namespace lianxin::dispatch {

inline constexpr uint32_t kModelMagic = 0x4D44584C;  // "LXDM" as bytes on disk
inline constexpr uint32_t kModelFormatVersion = 1;

// The file's bytes.
std::string SerializeModel(const LinearModel& model);
// kInvalidArgument (with what is wrong: not a model file, unsupported version,
// truncated, checksum mismatch, malformed field) for bad bytes.
Result<std::unique_ptr<LinearModel>> ParseModel(std::string_view bytes);

// kUnavailable when the file cannot be written.
Status SaveModel(const LinearModel& model, const std::string& path);
// kNotFound when the file cannot be opened; otherwise as ParseModel, with the
// path in the message.
Result<std::unique_ptr<LinearModel>> LoadModel(const std::string& path);

}  // namespace lianxin::dispatch
