#include "testutil/pii_scan.h"

namespace lianxin::testutil {

const std::vector<std::string>& TestCitizenNames() {
  static const std::vector<std::string> kNames = {"张三", "李四", "王五", "赵六", "钱七"};
  return kNames;
}

std::vector<std::string> FindPersonalData(const std::string& body,
                                          const std::vector<std::string>& names) {
  std::vector<std::string> hits;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  while (i < body.size()) {
    if (!is_digit(body[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < body.size() && is_digit(body[j])) ++j;
    size_t len = j - i;
    bool x_suffix = len == 17 && j < body.size() && (body[j] == 'X' || body[j] == 'x');
    std::string run = body.substr(i, len + (x_suffix ? 1 : 0));
    const bool fraction = i > 0 && body[i - 1] == '.';  // 28.123456789012345: a coordinate
    if (fraction) {
      // not personal data
    } else if (len == 11 && body[i] == '1' && body[i + 1] >= '3' && body[i + 1] <= '9') {
      hits.push_back("mobile " + run);
    } else if (len == 18 || x_suffix || len == 15) {
      hits.push_back("id " + run);
    }
    i = j + (x_suffix ? 1 : 0);
  }
  for (const std::string& name : names) {
    if (body.find(name) != std::string::npos) hits.push_back("name " + name);
  }
  return hits;
}

}  // namespace lianxin::testutil
