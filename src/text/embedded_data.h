// Internal to text/: the files of data/text/ compiled into the library (CMake
// writes embedded_data.cc from embedded_data.cc.in), so that a binary needs no
// data files of ours at run time. Views of static storage; thread-safe.
#pragma once

#include <string_view>

namespace lianxin::text::internal {

// data/text/stop_words.txt: one word per line, '#' comments.
std::string_view EmbeddedStopWords();
// data/text/t2s_chars.txt: "traditional<TAB>simplified" per line, '#' comments.
std::string_view EmbeddedT2sChars();
// data/text/cn_places.tsv: "code<TAB>name<TAB>short,forms" per line, '#' comments.
std::string_view EmbeddedCnPlaces();

}  // namespace lianxin::text::internal
