// The .xlsx reader: zip container (zlib inflate), a minimal XML pull reader,
// shared strings, number formats, the first worksheet.
#include "service/xlsx.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/time.h"
#include "core/utf8.h"

namespace lianxin::service {
namespace {

Status Bad(const std::string& why) { return Status::InvalidArgument("不是可读的 xlsx 文件：" + why); }

// ---- zip ----

struct ZipEntry {
  uint16_t flags = 0, method = 0;
  uint32_t crc = 0, compressed = 0, size = 0, local = 0;
};

uint32_t Le(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

Result<std::map<std::string, ZipEntry>> CentralDirectory(std::string_view b) {
  if (b.size() < 22) return Bad("文件太短，不是 zip 格式");
  size_t eocd = std::string_view::npos;
  const size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (size_t p = b.size() - 22 + 1; p-- > lowest;) {
    if (Le(b, p, 4) == 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd == std::string_view::npos) return Bad("找不到 zip 目录（文件不是 xlsx，或已损坏）");
  const uint32_t count = Le(b, eocd + 10, 2), dir_size = Le(b, eocd + 12, 4), dir_at = Le(b, eocd + 16, 4);
  if (count == 0xFFFF || dir_at == 0xFFFFFFFF) return Bad("不支持 ZIP64 格式");
  if (static_cast<uint64_t>(dir_at) + dir_size > eocd) return Bad("zip 目录越界");
  std::map<std::string, ZipEntry> out;
  size_t p = dir_at;
  for (uint32_t i = 0; i < count; ++i) {
    if (p + 46 > eocd || Le(b, p, 4) != 0x02014b50) return Bad("zip 目录项损坏");
    ZipEntry e;
    e.flags = static_cast<uint16_t>(Le(b, p + 8, 2));
    e.method = static_cast<uint16_t>(Le(b, p + 10, 2));
    e.crc = Le(b, p + 16, 4);
    e.compressed = Le(b, p + 20, 4);
    e.size = Le(b, p + 24, 4);
    const size_t name_len = Le(b, p + 28, 2), extra = Le(b, p + 30, 2), comment = Le(b, p + 32, 2);
    e.local = Le(b, p + 42, 4);
    if (p + 46 + name_len + extra + comment > eocd) return Bad("zip 目录项越界");
    out[std::string(b.substr(p + 46, name_len))] = e;
    p += 46 + name_len + extra + comment;
  }
  return out;
}

Result<std::string> Extract(std::string_view b, const std::string& name, const ZipEntry& e) {
  if (e.flags & 1) return Bad("文件已加密：" + name);
  if (e.size > kXlsxMaxEntryBytes) return Bad("内容过大：" + name);
  if (static_cast<uint64_t>(e.local) + 30 > b.size() || Le(b, e.local, 4) != 0x04034b50) {
    return Bad("zip 文件头损坏：" + name);
  }
  const uint64_t data = static_cast<uint64_t>(e.local) + 30 + Le(b, e.local + 26, 2) + Le(b, e.local + 28, 2);
  if (data + e.compressed > b.size()) return Bad("zip 内容被截断：" + name);
  std::string_view in = b.substr(static_cast<size_t>(data), e.compressed);
  std::string out;
  if (e.method == 0) {
    out.assign(in);
  } else if (e.method == 8) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return Status::Internal("zlib inflateInit2 failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    out.resize(std::max<size_t>(e.size, 1));
    int rc = Z_OK;
    for (;;) {
      z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
      z.avail_out = static_cast<uInt>(out.size() - z.total_out);
      rc = inflate(&z, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) break;
      if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0)) break;
      if (z.avail_out == 0) {
        if (out.size() >= kXlsxMaxEntryBytes) {
          rc = Z_MEM_ERROR;
          break;
        }
        out.resize(std::min(out.size() * 2, kXlsxMaxEntryBytes));
      }
    }
    const size_t produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return Bad(rc == Z_MEM_ERROR ? "内容过大：" + name : "压缩数据损坏：" + name);
    out.resize(produced);
  } else {
    return Bad("不支持的压缩方式 " + std::to_string(e.method) + "：" + name);
  }
  if (out.size() != e.size ||
      crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) != e.crc) {
    return Bad("校验和不符（文件已损坏）：" + name);
  }
  return out;
}

// ---- XML ----

// One step of the pull reader.
struct XmlToken {
  enum Kind { kStart, kEnd, kText, kEof } kind = kEof;
  std::string name;  // local name (namespace prefix dropped)
  std::vector<std::pair<std::string, std::string>> attrs;  // as written (prefix kept), decoded
  bool empty = false;  // <x/>: no kEnd follows
  std::string text;
  // The attribute whose name, or local name, is `n`; "" when absent.
  std::string Attr(std::string_view n) const {
    for (const auto& [k, v] : attrs) {
      size_t colon = k.find(':');
      if (k == n || (colon != std::string::npos && std::string_view(k).substr(colon + 1) == n)) return v;
    }
    return "";
  }
};


// Decodes the five entities and character references.
Result<std::string> Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return Bad("XML 实体不完整");
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "amp") out += '&';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      if (digits.empty()) return Bad("XML 字符引用无效");
      uint32_t cp = 0;
      for (char c : digits) {
        int d = (c >= '0' && c <= '9') ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) return Bad("XML 字符引用无效");
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
        if (cp > 0x10FFFF) return Bad("XML 字符引用超出范围");
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return Bad("XML 字符引用无效");
      AppendUtf8(static_cast<char32_t>(cp), out);
    } else {
      return Bad("未知的 XML 实体 &" + std::string(ent) + ";");
    }
    i = semi;
  }
  return out;
}

std::string LocalName(std::string_view n) {
  size_t colon = n.find(':');
  return std::string(colon == std::string_view::npos ? n : n.substr(colon + 1));
}

class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : s_(xml) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  Result<XmlToken> Next() {
    XmlToken t;
    while (pos_ < s_.size()) {
      if (s_[pos_] != '<') {
        size_t lt = s_.find('<', pos_);
        if (lt == std::string_view::npos) lt = s_.size();
        LX_ASSIGN_OR_RETURN(t.text, Unescape(s_.substr(pos_, lt - pos_)));
        pos_ = lt;
        t.kind = XmlToken::kText;
        return t;
      }
      if (s_.compare(pos_, 4, "<!--") == 0) {
        LX_RETURN_IF_ERROR(SkipPast("-->"));
        continue;
      }
      if (s_.compare(pos_, 2, "<?") == 0) {
        LX_RETURN_IF_ERROR(SkipPast("?>"));
        continue;
      }
      if (s_.compare(pos_, 9, "<![CDATA[") == 0) {
        size_t end = s_.find("]]>", pos_ + 9);
        if (end == std::string_view::npos) return Bad("XML CDATA 未闭合");
        t.kind = XmlToken::kText;
        t.text.assign(s_.substr(pos_ + 9, end - pos_ - 9));
        pos_ = end + 3;
        return t;
      }
      if (s_.compare(pos_, 2, "<!") == 0) return Bad("不支持含 DTD 的 XML");
      return Tag();
    }
    t.kind = XmlToken::kEof;
    return t;
  }

 private:
  Status SkipPast(std::string_view end) {
    size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos) return Bad("XML 注释或声明未闭合");
    pos_ = at + end.size();
    return Status::Ok();
  }

  static bool NameChar(char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != '>' && c != '=' &&
           c != '<' && c != '"' && c != '\'';
  }

  Result<XmlToken> Tag() {
    XmlToken t;
    size_t p = pos_ + 1;
    bool closing = p < s_.size() && s_[p] == '/';
    if (closing) ++p;
    size_t start = p;
    while (p < s_.size() && NameChar(s_[p])) ++p;
    if (p == start) return Bad("XML 标签无效");
    t.name = LocalName(s_.substr(start, p - start));
    for (;;) {
      while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\r' || s_[p] == '\n')) ++p;
      if (p >= s_.size()) return Bad("XML 标签未闭合");
      if (s_[p] == '>') {
        ++p;
        break;
      }
      if (s_[p] == '/' && p + 1 < s_.size() && s_[p + 1] == '>' && !closing) {
        t.empty = true;
        p += 2;
        break;
      }
      if (closing) return Bad("XML 结束标签无效");
      size_t an = p;
      while (p < s_.size() && NameChar(s_[p])) ++p;
      if (p == an || p >= s_.size()) return Bad("XML 属性无效");
      std::string key(s_.substr(an, p - an));
      while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\r' || s_[p] == '\n')) ++p;
      if (p >= s_.size() || s_[p] != '=') return Bad("XML 属性缺少取值");
      ++p;
      while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\r' || s_[p] == '\n')) ++p;
      if (p >= s_.size() || (s_[p] != '"' && s_[p] != '\'')) return Bad("XML 属性值缺少引号");
      char q = s_[p++];
      size_t end = s_.find(q, p);
      if (end == std::string_view::npos) return Bad("XML 属性值未闭合");
      LX_ASSIGN_OR_RETURN(std::string value, Unescape(s_.substr(p, end - p)));
      t.attrs.emplace_back(std::move(key), std::move(value));
      p = end + 1;
    }
    pos_ = p;
    t.kind = closing ? XmlToken::kEnd : XmlToken::kStart;
    return t;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// ---- workbook parts ----

// Shared strings: the text of each <si>, phonetic runs (<rPh>) left out.
Result<std::vector<std::string>> SharedStrings(std::string_view xml) {
  std::vector<std::string> out;
  XmlReader r(xml);
  bool in_si = false, in_t = false;
  int in_rph = 0;
  std::string cur;
  for (;;) {
    LX_ASSIGN_OR_RETURN(XmlToken t, r.Next());
    if (t.kind == XmlToken::kEof) break;
    if (t.kind == XmlToken::kStart && !t.empty) {
      if (t.name == "si") in_si = true, cur.clear();
      if (t.name == "rPh") ++in_rph;
      if (t.name == "t") in_t = true;
    } else if (t.kind == XmlToken::kStart && t.empty && t.name == "si") {
      out.emplace_back();
    } else if (t.kind == XmlToken::kEnd) {
      if (t.name == "t") in_t = false;
      if (t.name == "rPh" && in_rph > 0) --in_rph;
      if (t.name == "si" && in_si) {
        out.push_back(cur);
        in_si = false;
        if (out.size() > kXlsxMaxCells) return Bad("共享字符串过多");
      }
    } else if (t.kind == XmlToken::kText && in_si && in_t && in_rph == 0) {
      cur += t.text;
    }
  }
  return out;
}

bool BuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// Whether a custom number format shows a date or time: y, m, d, h or s outside
// quoted text, escapes and [color]/[locale] sections ([h] elapsed hours count).
bool CustomDateFormat(std::string_view code) {
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;
    else if (c == '[') {
      size_t end = code.find(']', i);
      if (end == std::string_view::npos) return false;
      std::string_view inner = code.substr(i + 1, end - i - 1);
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'm' || inner[0] == 's')) return true;
      i = end;
    } else {
      char l = static_cast<char>(c | 0x20);
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

// For each cell style index (cellXfs order): whether it formats a date.
Result<std::vector<bool>> DateStyles(std::string_view xml) {
  std::map<int, bool> custom;
  std::vector<bool> out;
  XmlReader r(xml);
  bool in_xfs = false;
  for (;;) {
    LX_ASSIGN_OR_RETURN(XmlToken t, r.Next());
    if (t.kind == XmlToken::kEof) break;
    if (t.kind == XmlToken::kStart && t.name == "numFmt") {
      custom[std::atoi(t.Attr("numFmtId").c_str())] = CustomDateFormat(t.Attr("formatCode"));
    } else if (t.kind == XmlToken::kStart && t.name == "cellXfs" && !t.empty) {
      in_xfs = true;
    } else if (t.kind == XmlToken::kEnd && t.name == "cellXfs") {
      in_xfs = false;
    } else if (t.kind == XmlToken::kStart && t.name == "xf" && in_xfs) {
      int id = std::atoi(t.Attr("numFmtId").c_str());
      auto it = custom.find(id);
      out.push_back(it != custom.end() ? it->second : BuiltinDateFormat(id));
      if (out.size() > 65536) return Bad("样式过多");
    }
  }
  return out;
}

// "A1" → column 1; 0 when the reference has no column letters.
int ColumnOf(std::string_view ref) {
  int col = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + (c - 'A' + 1);
      if (col > 16384) return -1;
    } else {
      break;
    }
  }
  return col;
}

// An Excel serial day number (1900 or 1904 system, local wall time in CST) as ISO 8601.
std::optional<std::string> SerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return std::nullopt;  // ≤ 9999-12-31
  // Days from 1970-01-01 to the epoch day 0: 1899-12-30 (1900 system, serials ≥ 61;
  // Lotus' phantom 1900-02-29 shifts earlier ones by a day) or 1904-01-01.
  double epoch_days = date1904 ? -24107.0 : (serial < 61 ? -25568.0 : -25569.0);
  const long long seconds = std::llround((serial + epoch_days) * 86400.0);
  const TimeMs wall = static_cast<TimeMs>(seconds) * 1000;
  return FormatIsoCst(wall - 8 * kHourMs);
}

std::string NumberText(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0' || !std::isfinite(d)) return v;
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return v;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

struct Workbook {
  std::string sheet_path = "xl/worksheets/sheet1.xml";
  bool date1904 = false;
};

Result<Workbook> FindFirstSheet(std::string_view b, const std::map<std::string, ZipEntry>& zip) {
  Workbook w;
  auto wb = zip.find("xl/workbook.xml");
  if (wb == zip.end()) return w;
  LX_ASSIGN_OR_RETURN(std::string xml, Extract(b, wb->first, wb->second));
  std::string rid;
  XmlReader r(xml);
  for (;;) {
    LX_ASSIGN_OR_RETURN(XmlToken t, r.Next());
    if (t.kind == XmlToken::kEof) break;
    if (t.kind != XmlToken::kStart) continue;
    if (t.name == "workbookPr") w.date1904 = t.Attr("date1904") == "1" || t.Attr("date1904") == "true";
    if (t.name == "sheet" && rid.empty()) rid = t.Attr("id");
  }
  if (rid.empty()) return Bad("工作簿中没有工作表");
  auto rels = zip.find("xl/_rels/workbook.xml.rels");
  if (rels == zip.end()) return w;
  LX_ASSIGN_OR_RETURN(std::string rxml, Extract(b, rels->first, rels->second));
  XmlReader rr(rxml);
  for (;;) {
    LX_ASSIGN_OR_RETURN(XmlToken t, rr.Next());
    if (t.kind == XmlToken::kEof) break;
    if (t.kind == XmlToken::kStart && t.name == "Relationship" && t.Attr("Id") == rid) {
      std::string target = t.Attr("Target");
      w.sheet_path = !target.empty() && target[0] == '/' ? target.substr(1) : "xl/" + target;
      break;
    }
  }
  return w;
}

}  // namespace

Result<std::vector<CsvRow>> ParseXlsx(std::string_view b) {
  LX_ASSIGN_OR_RETURN(auto zip, CentralDirectory(b));
  LX_ASSIGN_OR_RETURN(Workbook wb, FindFirstSheet(b, zip));
  std::vector<std::string> strings;
  if (auto it = zip.find("xl/sharedStrings.xml"); it != zip.end()) {
    LX_ASSIGN_OR_RETURN(std::string xml, Extract(b, it->first, it->second));
    LX_ASSIGN_OR_RETURN(strings, SharedStrings(xml));
  }
  std::vector<bool> date_style;
  if (auto it = zip.find("xl/styles.xml"); it != zip.end()) {
    LX_ASSIGN_OR_RETURN(std::string xml, Extract(b, it->first, it->second));
    LX_ASSIGN_OR_RETURN(date_style, DateStyles(xml));
  }
  auto sheet = zip.find(wb.sheet_path);
  if (sheet == zip.end()) return Bad("找不到工作表 " + wb.sheet_path);
  LX_ASSIGN_OR_RETURN(std::string xml, Extract(b, sheet->first, sheet->second));

  std::vector<CsvRow> rows;
  XmlReader r(xml);
  CsvRow row;
  bool in_row = false, in_cell = false, in_v = false, in_is = false, in_t = false;
  int next_row = 1, next_col = 1, col = 0;
  std::string type, style, v, inline_text;
  size_t cells = 0;
  auto finish_cell = [&]() -> Status {
    std::string text;
    if (type == "s") {
      char* end = nullptr;
      long idx = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || idx < 0 || static_cast<size_t>(idx) >= strings.size()) {
        return Bad("单元格引用了不存在的共享字符串");
      }
      text = strings[static_cast<size_t>(idx)];
    } else if (type == "inlineStr") {
      text = inline_text;
    } else if (type == "b") {
      text = v == "1" ? "TRUE" : "FALSE";
    } else if (type == "str" || type == "e" || type == "d") {
      text = v;
    } else if (!v.empty()) {
      long s = style.empty() ? 0 : std::strtol(style.c_str(), nullptr, 10);
      bool is_date = s >= 0 && static_cast<size_t>(s) < date_style.size() && date_style[s];
      std::optional<std::string> iso;
      if (is_date) iso = SerialToIso(std::strtod(v.c_str(), nullptr), wb.date1904);
      text = iso ? *iso : NumberText(v);
    }
    if (col < 1 || col > 16384) return Bad("单元格列号无效");
    if (row.fields.size() < static_cast<size_t>(col)) row.fields.resize(col);
    row.fields[col - 1] = Trim(text);
    next_col = col + 1;
    if (++cells > kXlsxMaxCells) return Bad("单元格过多（上限 " + std::to_string(kXlsxMaxCells) + "）");
    return Status::Ok();
  };
  for (;;) {
    LX_ASSIGN_OR_RETURN(XmlToken t, r.Next());
    if (t.kind == XmlToken::kEof) break;
    if (t.kind == XmlToken::kStart && t.name == "row") {
      std::string n = t.Attr("r");
      int number = n.empty() ? next_row : std::atoi(n.c_str());
      if (number < 1 || number > 1048576) return Bad("行号无效：" + n);
      row = CsvRow{};
      row.line = number;
      next_row = number + 1;
      next_col = 1;
      in_row = !t.empty;
      if (t.empty) continue;
    } else if (t.kind == XmlToken::kEnd && t.name == "row") {
      bool blank = std::all_of(row.fields.begin(), row.fields.end(),
                               [](const std::string& f) { return f.empty(); });
      if (!blank) rows.push_back(std::move(row));
      row = CsvRow{};
      in_row = false;
    } else if (t.kind == XmlToken::kStart && t.name == "c" && in_row) {
      std::string ref = t.Attr("r");
      col = ref.empty() ? next_col : ColumnOf(ref);
      if (col == 0) col = next_col;
      type = t.Attr("t");
      style = t.Attr("s");
      v.clear();
      inline_text.clear();
      if (t.empty) {
        LX_RETURN_IF_ERROR(finish_cell());
      } else {
        in_cell = true;
      }
    } else if (t.kind == XmlToken::kEnd && t.name == "c" && in_cell) {
      in_cell = false;
      LX_RETURN_IF_ERROR(finish_cell());
    } else if (in_cell && t.name == "v" && !t.empty) {
      in_v = t.kind == XmlToken::kStart;
    } else if (in_cell && t.name == "is" && !t.empty) {
      in_is = t.kind == XmlToken::kStart;
    } else if (in_cell && in_is && t.name == "t" && !t.empty) {
      in_t = t.kind == XmlToken::kStart;
    } else if (t.kind == XmlToken::kText && in_cell) {
      if (in_v) v += t.text;
      if (in_is && in_t) inline_text += t.text;
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CsvRow& a, const CsvRow& b) { return a.line < b.line; });
  return rows;
}

}  // namespace lianxin::service
