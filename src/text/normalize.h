// Public beside text.h: Normalize's companion for texts made of two parts.
//
// Normalize (text.h) remembers its last few results per thread (texts of
// 32..20,000 bytes): the intake path normalises the same title and body for the
// router, the classifier and the search terms, and the second and third calls
// cost a comparison. Pure and thread-safe like everything in text/.
#pragma once

#include <string>
#include <string_view>

namespace lianxin::text {

// Normalize(a + " " + b), built from Normalize(a) and Normalize(b) (so served by
// their remembered results): the two joined by one space when both are non-empty.
std::string NormalizeJoin(std::string_view a, std::string_view b);

}  // namespace lianxin::text
