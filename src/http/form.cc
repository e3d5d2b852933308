#include "http/form.h"

#include "core/utf8.h"

namespace lianxin::http {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> Decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      int hi = i + 2 < s.size() ? HexDigit(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexDigit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Status::InvalidArgument("表单编码错误：% 后应为两位十六进制数");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!IsValidUtf8(out)) return Status::InvalidArgument("表单内容不是有效的 UTF-8 文本");
  return out;
}

}  // namespace

Result<FormFields> ParseForm(const std::string& body) {
  FormFields out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('&', pos);
    if (end == std::string::npos) end = body.size();
    std::string part = body.substr(pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      LX_ASSIGN_OR_RETURN(std::string name, Decode(part.substr(0, eq)));
      std::string value;
      if (eq != std::string::npos) {
        LX_ASSIGN_OR_RETURN(value, Decode(part.substr(eq + 1)));
      }
      if (!name.empty()) out.emplace_back(std::move(name), std::move(value));
    }
    pos = end + 1;
  }
  return out;
}

std::string FormValue(const FormFields& fields, const std::string& name) {
  std::string v;
  for (const auto& [k, value] : fields) {
    if (k == name) v = value;
  }
  return v;
}

}  // namespace lianxin::http
