// PII detection: a hand-written scanner over code points (full-width digits and
// letters count as ASCII). At each position the matchers run in a fixed order
// (e-mail, 身份证, bank card, mobile, landline, plate, room address) and the first
// match wins; scanning resumes after it, so spans never overlap. Every number
// matcher insists that the digits are not part of a longer digit run.
#include <initializer_list>
#include <string>

#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text {
namespace {

using namespace std::string_view_literals;
using internal::IsAsciiAlnum;
using internal::IsAsciiAlpha;
using internal::IsAsciiDigit;

struct Unit {
  char32_t cp;   // half-width folded; U+FFFD for an invalid byte
  size_t begin;  // byte offsets into the input
  size_t end;
};

struct Found {
  PiiKind kind;
  size_t first;  // units [first, last)
  size_t last;
  std::string masked;
};

class Scanner {
 public:
  explicit Scanner(std::string_view input) : input_(input) {
    for (size_t i = 0; i < input.size();) {
      char32_t cp = 0xFFFD;
      size_t len = internal::DecodeUtf8(input, i, cp);
      if (len == 0) {
        cp = 0xFFFD;
        len = 1;
      }
      units_.push_back({internal::ToHalfWidth(cp), i, i + len});
      i += len;
    }
  }

  std::vector<Found> Run() {
    std::vector<Found> found;
    size_t k = 0;
    while (k < units_.size()) {
      Found f;
      if (MatchAt(k, f)) {
        k = f.last;
        found.push_back(std::move(f));
      } else {
        ++k;
      }
    }
    return found;
  }

  const std::vector<Unit>& units() const { return units_; }

 private:
  char32_t At(size_t k) const { return k < units_.size() ? units_[k].cp : 0; }
  bool DigitAt(size_t k) const { return IsAsciiDigit(At(k)); }
  // Raw input bytes of units [first, last).
  std::string_view Raw(size_t first, size_t last) const {
    if (first >= last) return {};
    return input_.substr(units_[first].begin, units_[last - 1].end - units_[first].begin);
  }
  bool PrevIsAlnum(size_t k) const { return k > 0 && IsAsciiAlnum(At(k - 1)); }
  bool PrevIsDigit(size_t k) const { return k > 0 && DigitAt(k - 1); }

  bool MatchAt(size_t k, Found& f) const {
    char32_t c = At(k);
    if (IsAsciiAlnum(c) && !PrevIsEmailChar(k) && MatchEmail(k, f)) return true;
    if (IsAsciiDigit(c) && !PrevIsAlnum(k)) {
      if (MatchIdCard(k, f) || MatchBankCard(k, f) || MatchMobile(k, f) || MatchLandline(k, f)) {
        return true;
      }
    }
    if ((c == '+' || c == '(') && !PrevIsAlnum(k) && (MatchMobile(k, f) || MatchLandline(k, f))) {
      return true;
    }
    if (c >= 0x4E00 && MatchPlate(k, f)) return true;
    // A room address starts with a number (Number or Digits below): most
    // characters of a text cannot start one, and are not looked at further.
    if (!IsAsciiAlnum(c) && !IsCnDigit(c)) return false;
    return !PrevIsAlnum(k) && MatchRoomAddress(k, f);
  }

  // Reads up to `max` digits from k; returns how many.
  size_t Digits(size_t k, size_t max, std::string* out = nullptr) const {
    size_t n = 0;
    while (n < max && DigitAt(k + n)) {
      if (out) *out += static_cast<char>(At(k + n));
      ++n;
    }
    return n;
  }

  // Reads digits in groups separated by one consistent separator (' ' or '-'),
  // with the given group sizes (the last may be shorter when `last_min` allows).
  // Returns the end unit or 0 on mismatch.
  size_t Grouped(size_t k, const std::vector<size_t>& sizes, size_t last_min,
                 std::string& digits) const {
    char32_t sep = 0;
    for (size_t g = 0; g < sizes.size(); ++g) {
      if (g > 0) {
        char32_t c = At(k);
        if (c != ' ' && c != '-') return 0;
        if (sep != 0 && c != sep) return 0;
        sep = c;
        ++k;
      }
      size_t n = Digits(k, sizes[g], &digits);
      bool last = g + 1 == sizes.size();
      if (n != sizes[g] && !(last && n >= last_min)) return 0;
      k += n;
    }
    return k;
  }

  // ---- e-mail ----
  static bool IsLocalChar(char32_t c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
  bool PrevIsEmailChar(size_t k) const { return k > 0 && IsLocalChar(At(k - 1)); }

  bool MatchEmail(size_t k, Found& f) const {
    size_t at = k;
    while (IsLocalChar(At(at))) ++at;
    if (At(at) != '@' || at == k) return false;
    // Domain: labels of [a-z0-9-] joined by '.', ending in a 2+ letter TLD.
    size_t end = at + 1, last_label = end;
    int labels = 0;
    while (true) {
      size_t label = end;
      while (IsAsciiAlnum(At(end)) || At(end) == '-') ++end;
      if (end == label) {
        end = label - (labels > 0 ? 1 : 0);  // drop a trailing '.'
        break;
      }
      ++labels;
      last_label = label;
      if (At(end) != '.') break;
      ++end;
    }
    if (labels < 2) return false;
    size_t tld = 0;
    for (size_t u = last_label; u < end; ++u) {
      if (!IsAsciiAlpha(At(u))) return false;
      ++tld;
    }
    if (tld < 2 || IsAsciiAlnum(At(end))) return false;
    f = {PiiKind::kEmail, k, end, std::string(Raw(k, k + 1)) + "***@" + std::string(Raw(at + 1, end))};
    return true;
  }

  // ---- 身份证 ----
  static bool ValidIdCard(const std::string& id) {
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    if (id[0] == '0') return false;
    int sum = 0;
    for (int d = 0; d < 17; ++d) sum += (id[d] - '0') * kWeights[d];
    char check = id[17] == 'x' ? 'X' : id[17];
    if (kCheck[sum % 11] != check) return false;
    int year = std::stoi(id.substr(6, 4)), month = std::stoi(id.substr(10, 2)),
        day = std::stoi(id.substr(12, 2));
    static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
    return day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
  }

  bool MatchIdCard(size_t k, Found& f) const {
    std::string id;
    size_t end = 0;
    if (Digits(k, 17, &id) == 17) {
      end = k + 17;
    } else {  // "430102 19900307 123X"
      id.clear();
      end = Grouped(k, {6, 8, 3}, 3, id);
      if (end == 0 || id.size() != 17) return false;
    }
    char32_t check = At(end);
    if (!IsAsciiDigit(check) && check != 'X' && check != 'x') return false;
    id += static_cast<char>(check);
    ++end;
    if (IsAsciiAlnum(At(end)) || !ValidIdCard(id)) return false;
    f = {PiiKind::kIdCard, k, end, id.substr(0, 4) + std::string(10, '*') + id.substr(14)};
    return true;
  }

  // ---- bank card ----
  static bool Luhn(const std::string& digits) {
    int sum = 0;
    bool twice = false;
    for (size_t i = digits.size(); i-- > 0;) {
      int d = digits[i] - '0';
      if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  bool MatchBankCard(size_t k, Found& f) const {
    char32_t first = At(k);
    if (first != '3' && first != '4' && first != '5' && first != '6' && first != '9') return false;
    std::string digits;
    size_t end = k + Digits(k, 20, &digits);
    if (digits.size() < 16) {  // "6222 0212 3456 7890 123"
      digits.clear();
      end = Grouped(k, {4, 4, 4, 4, 3}, 0, digits);
      if (end == 0) {
        digits.clear();
        end = Grouped(k, {4, 4, 4, 4}, 4, digits);
      }
      if (end == 0) return false;
    }
    if (digits.size() < 16 || digits.size() > 19 || DigitAt(end) || !Luhn(digits)) return false;
    f = {PiiKind::kBankCard, k, end,
         std::string(digits.size() - 4, '*') + digits.substr(digits.size() - 4)};
    return true;
  }

  // ---- mobile ----
  // Skips an optional "+86", "(+86)", "0086" or "86" prefix and one separator.
  size_t SkipCountryCode(size_t k) const {
    size_t p = k;
    bool paren = At(p) == '(';
    if (paren) ++p;
    if (At(p) == '+') {
      ++p;
      if (At(p) == ' ') ++p;
    } else if (At(p) == '0' && At(p + 1) == '0') {
      p += 2;
    } else if (paren) {
      return k;
    }
    if (At(p) != '8' || At(p + 1) != '6') return k;
    p += 2;
    if (paren) {
      if (At(p) != ')') return k;
      ++p;
    }
    if (At(p) == ' ' || At(p) == '-') ++p;
    return p;
  }

  bool MatchMobile(size_t k, Found& f) const {
    for (size_t body : {SkipCountryCode(k), k}) {
      if (body == k && !IsAsciiDigit(At(k))) return false;
      std::string digits;
      size_t end = body + Digits(body, 12, &digits);
      if (digits.size() != 11) {  // "138 1234 5678", "138-1234-5678"
        digits.clear();
        end = Grouped(body, {3, 4, 4}, 4, digits);
        if (end == 0) continue;
      }
      if (DigitAt(end) || digits[0] != '1' || digits[1] < '3') continue;
      f = {PiiKind::kMobile, k, end,
           std::string(Raw(k, body)) + digits.substr(0, 3) + "****" + digits.substr(7)};
      return true;
    }
    return false;
  }

  // ---- landline ----
  // Length of the area code at k ("010", "02x", "0[3-9]xx"), or 0.
  size_t AreaCode(size_t k) const {
    if (At(k) != '0' || !DigitAt(k + 1) || !DigitAt(k + 2)) return 0;
    if (At(k + 1) == '1') return At(k + 2) == '0' ? 3 : 0;
    if (At(k + 1) == '2') return 3;
    return DigitAt(k + 3) ? 4 : 0;
  }

  bool MatchLandline(size_t k, Found& f) const {
    size_t p = k;
    bool paren = At(p) == '(';
    if (paren) ++p;
    size_t area_len = AreaCode(p);
    if (area_len == 0) return false;
    std::string area;
    Digits(p, area_len, &area);
    p += area_len;
    bool separated = paren;
    if (paren) {
      if (At(p) != ')') return false;
      ++p;
    }
    if (At(p) == '-' || At(p) == ' ') {
      ++p;
      separated = true;
    }
    if (!separated && DigitAt(p) && PrevIsDigit(k)) return false;
    std::string local;
    size_t n = Digits(p, 9, &local);
    // Local numbers have 8 digits after a 3-digit area code, 7 or 8 after a
    // 4-digit one, and never start with 0 or 1.
    bool ok = area_len == 3 ? n == 8 : (n == 7 || n == 8);
    if (!ok || local[0] < '2') return false;
    size_t end = p + n;
    f = {PiiKind::kLandline, k, end,
         area + "-" + std::string(local.size() - 4, '*') + local.substr(local.size() - 4)};
    return true;
  }

  // ---- licence plate ----
  static bool IsProvinceChar(char32_t c) {
    static constexpr std::u32string_view kProvinces =
        U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    return kProvinces.find(c) != std::u32string_view::npos;
  }
  static bool IsPlateLetter(char32_t c) {
    c = c >= 'a' && c <= 'z' ? c - 32 : c;
    return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O';
  }
  static bool IsPlateChar(char32_t c) { return IsAsciiDigit(c) || IsPlateLetter(c); }
  static bool IsDF(char32_t c) { return c == 'D' || c == 'F' || c == 'd' || c == 'f'; }

  bool MatchPlate(size_t k, Found& f) const {
    // The cheap test first: a Latin letter must follow the province character.
    if (!IsPlateLetter(At(k + 1)) || !IsProvinceChar(At(k))) return false;
    size_t p = k + 2;
    char32_t sep = At(p);
    if (sep == 0x00B7 || sep == 0x2022 || sep == 0x30FB || sep == '.' || sep == ' ' || sep == '-') {
      ++p;
    }
    size_t n = 0, digits = 0;
    while (n < 7 && IsPlateChar(At(p + n))) {
      digits += DigitAt(p + n);
      ++n;
    }
    bool ok = false;
    if (n == 5) {  // ordinary: at least 3 digits among 5
      ok = digits >= 3;
    } else if (n == 4 && U"学挂警领港澳试"sv.find(At(p + 4)) != std::u32string_view::npos) {
      ok = digits >= 3;
      n = 5;  // the special last character belongs to the plate
    } else if (n == 6) {  // new energy: D/F + 1 + 4 digits, or 5 digits + D/F
      ok = (IsDF(At(p)) && digits >= 4 && DigitAt(p + 2) && DigitAt(p + 5)) ||
           (digits == 5 && IsDF(At(p + 5)));
    }
    if (!ok || IsAsciiAlnum(At(p + n))) return false;
    f = {PiiKind::kLicensePlate, k, p + n,
         std::string(Raw(k, k + 2)) + std::string(n - 2, '*') + std::string(Raw(p + n - 2, p + n))};
    return true;
  }

  // ---- room-level address ----
  static bool IsCnDigit(char32_t c) {
    return U"零〇一二两三四五六七八九十百"sv.find(c) != std::u32string_view::npos;
  }
  // A building/unit/floor number: "12", "A", "A3", "3A", "十二". Returns its end.
  size_t Number(size_t k) const {
    size_t p = k;
    if (IsCnDigit(At(p))) {
      while (p < k + 4 && IsCnDigit(At(p))) ++p;
      return p;
    }
    if (IsAsciiAlpha(At(p))) ++p;
    size_t d = Digits(p, 4);
    p += d;
    if (d > 0 && IsAsciiAlpha(At(p)) && !IsAsciiAlnum(At(p + 1))) ++p;
    return p == k || IsAsciiAlnum(At(p)) ? k : p;
  }
  // Matches one of `words` at k; returns its end or k.
  size_t Word(size_t k, std::initializer_list<std::u32string_view> words) const {
    for (std::u32string_view w : words) {
      size_t n = 0;
      while (n < w.size() && At(k + n) == w[n]) ++n;
      if (n == w.size()) return k + n;
    }
    return k;
  }
  static constexpr std::u32string_view kNotAfterFang = U"产屋子价租东源贷型款";
  static constexpr std::u32string_view kNotAfterBareRoom =
      U"楼层平米元万多余几个人年月日天次台辆套户间栋幢座单期%.:";
  size_t SkipSeparator(size_t k) const { return At(k) == '-' || At(k) == ' ' ? k + 1 : k; }

  bool MatchRoomAddress(size_t k, Found& f) const {
    size_t p = k;
    bool building = false, unit = false, floor = false;
    // Building: 3栋, 5号楼, A座, 2幢.
    if (size_t num = Number(p); num != p) {
      if (size_t w = Word(num, {U"栋", U"幢", U"座", U"号楼", U"号栋", U"号幢"}); w != num) {
        building = true;
        p = SkipSeparator(w);
      }
    }
    // Unit: 2单元.
    if (size_t num = Number(p); num != p) {
      if (size_t w = Word(num, {U"单元"}); w != num) {
        unit = true;
        p = SkipSeparator(w);
      }
    }
    // Floor: 5楼, 5层 (then a room must follow).
    if (size_t num = Number(p); num != p) {
      if (size_t w = Word(num, {U"楼", U"层"}); w != num && DigitAt(w)) {
        floor = true;
        p = w;
      }
    }
    // Room: 502室, 502, 2-502 (unit-room), 3-2-502室.
    size_t room = p;
    size_t n = Digits(room, 6);
    if (n == 0 || n > 5) return false;
    size_t end = room + n;
    int dashed = 0;
    while (dashed < 2 && At(end) == '-' && DigitAt(end + 1)) {
      size_t more = Digits(end + 1, 6);
      if (more > 5) return false;
      end += 1 + more;
      n = more;
      ++dashed;
    }
    if (DigitAt(end) || IsAsciiAlpha(At(end))) return false;
    // 室 and 房 end a room number (but not 房产证, 房租...); 号 only after a
    // building or unit (幸福路302号 is a street address).
    size_t suffixed = Word(end, {U"室", U"房", U"号"});
    bool strong_suffix = suffixed != end && At(end) != U'号' &&
                         !(At(end) == U'房' && kNotAfterFang.find(At(suffixed)) != kNotAfterFang.npos);
    bool hao = suffixed != end && At(end) == U'号';
    if (!strong_suffix && !hao) suffixed = end;
    // Bare digits must not be a count or measure: 11层, 500平方, 300元, 2009年.
    bool bare_ok = (n >= 3 || dashed > 0) && kNotAfterBareRoom.find(At(end)) == kNotAfterBareRoom.npos;
    bool ok;
    if (building || unit) {
      ok = strong_suffix || hao || bare_ok;
    } else if (floor) {
      ok = strong_suffix || bare_ok;
    } else {
      ok = strong_suffix && (n >= 3 || dashed > 0);
    }
    if (!ok) return false;
    f = {PiiKind::kRoomAddress, k, suffixed, "***"};
    return true;
  }

  std::string_view input_;
  std::vector<Unit> units_;
};

}  // namespace

std::string_view ToString(PiiKind kind) {
  switch (kind) {
    case PiiKind::kMobile: return "mobile";
    case PiiKind::kLandline: return "landline";
    case PiiKind::kIdCard: return "id_card";
    case PiiKind::kBankCard: return "bank_card";
    case PiiKind::kEmail: return "email";
    case PiiKind::kLicensePlate: return "license_plate";
    case PiiKind::kRoomAddress: return "room_address";
  }
  return "unknown";
}

std::vector<PiiSpan> FindPii(std::string_view input) {
  Scanner scanner(input);
  std::vector<PiiSpan> spans;
  for (const Found& f : scanner.Run()) {
    spans.push_back({f.kind, scanner.units()[f.first].begin, scanner.units()[f.last - 1].end});
  }
  return spans;
}

std::string MaskPii(std::string_view input) {
  Scanner scanner(input);
  std::string out;
  out.reserve(input.size());
  size_t copied = 0;
  for (const Found& f : scanner.Run()) {
    size_t begin = scanner.units()[f.first].begin;
    out.append(input.substr(copied, begin - copied));
    out += f.masked;
    copied = scanner.units()[f.last - 1].end;
  }
  out.append(input.substr(copied));
  return out;
}

}  // namespace lianxin::text
