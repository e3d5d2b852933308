// See sql_session.h.
#include "store/sql_session.h"

#include <cctype>

namespace lianxin::store::sql {

std::string DollarParams(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '?' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) out[i] = '$';
  }
  return out;
}

}  // namespace lianxin::store::sql
