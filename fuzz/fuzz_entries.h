// Fuzz entry points (issue 9 item 5): one function per fuzzed input surface, shared by
// the libFuzzer executables (built with clang, -DLIANXIN_BUILD_FUZZERS=ON, see
// scripts/fuzz) and by fuzz_tests, the normal-build regression test that replays
// every file under fuzz/corpus/<target>/ and fuzz/crashes/<target>/.
//
// Each entry feeds arbitrary bytes to the real decoding code and checks the contracts
// the headers promise (no crash, results within bounds, documented invariants such as
// Normalize being idempotent). Thread-safety: entries may be called from one thread at
// a time per process (the lazily built segmenter and gazetteer are created once,
// thread-safely, and then only read). Nothing here throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin::fuzz {

// The outcome of one input: empty when every checked contract held, otherwise a
// description of the broken one (the fuzzer aborts on it, the regression test fails).
using Violation = std::string;

// http/json_codec: ParseObject, then DecodeNewTicket and DecodeAction on any object;
// decoded strings must be valid UTF-8 and the encoder must accept the parsed value.
Violation FuzzJsonCodec(std::string_view data);
// text: Normalize (idempotent, valid UTF-8 out), Segmenter::Cut with the jieba and the
// character segmenter (tokens non-empty substrings of the input), SearchTerms,
// FindPii (ordered, non-overlapping, in-bounds spans), MaskPii (valid UTF-8 in → out)
// and Gazetteer::Find/Locate over the demo region tree (mentions in bounds).
Violation FuzzText(std::string_view data);
// dispatch/model_file: ParseModel on the bytes; a model it accepts must serialise back
// to bytes that parse again into the same bytes.
Violation FuzzModelFile(std::string_view data);
// core/csv: ReadCsv; rows have ascending line numbers no larger than the line count.
Violation FuzzCsv(std::string_view data);
// service/xlsx: ParseXlsx (issue 8 bulk import); every error is kInvalidArgument, rows
// have ascending line numbers in 1..1048576 and at most 16384 fields.
Violation FuzzXlsx(std::string_view data);

// ---- Open311 and bulk import (issue 9 item 5, load branch) ----
// http/form + http/open311_decode: ParseForm (fields valid UTF-8), then
// DecodeOpen311Request (attributes with codes and non-empty values),
// DecodeOpen311Update, and DecodeOpen311Query over the same fields as query
// arguments (lists trimmed, pages in range); errors only kInvalidArgument.
Violation FuzzOpen311(std::string_view data);
// service/bulk_import: ImportTicketsCsv as an admin over a small directory, dry run
// (rows = accepted + rejected, lines in range, reasons given; messages, reasons
// and numbers valid UTF-8; errors only kInvalidArgument), then for real when rows were accepted (the same rows
// accepted; inserted + existing = accepted; a repeat inserts nothing).
Violation FuzzBulkImport(std::string_view data);
// ---- end Open311 and bulk import ----

// One fuzz target: its name (the folder under fuzz/corpus/) and entry.
struct Target {
  const char* name;
  Violation (*entry)(std::string_view);
};
// Every target above, in a fixed order.
const std::vector<Target>& Targets();

}  // namespace lianxin::fuzz
