#include "store/sql_where.h"

namespace lianxin::store::sql {
namespace {

// `column` is `code` or in its subtree ("code.…"); byte order, whatever the collation.
std::string PrefixCondition(SqlWhere& w, const std::string& column, const std::string& code) {
  const std::string& c = w.dialect().binary_collate;
  std::string p1 = w.Param(code);
  std::string p2 = w.Param(code + ".");
  return column + " = " + p1 + " OR (" + column + c + " >= " + p2 + " AND " + column + c + " < " +
         p2 + " || '~')";
}

std::string StatusList(SqlWhere& w, const std::vector<TicketStatus>& statuses) {
  std::string in;
  for (TicketStatus st : statuses) in += (in.empty() ? "" : ",") + w.Param(std::string(ToString(st)));
  return "status IN (" + in + ")";
}

// Each space-separated piece of `text` must occur in title or body. A piece of
// two or more characters matches through the index (all its query terms); a
// single character (or a piece without terms) by substring.
void AddTextCondition(SqlWhere& w, const std::string& text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string piece = text.substr(pos, end - pos);
    pos = end + 1;
    if (piece.empty()) continue;
    size_t chars = 0;
    for (unsigned char ch : piece) chars += (ch & 0xC0) != 0x80;
    std::vector<std::string> terms;
    if (chars >= 2) terms = w.dialect().query_terms(piece);
    if (!terms.empty()) {
      w.And(w.dialect().terms_match(w, terms));
      continue;
    }
    std::string like = "%";
    for (char ch : piece) {
      if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
      like += ch;
    }
    like += "%";
    std::string p = w.Param(like);
    const std::string& op = w.dialect().like;
    w.And("title " + op + " " + p + " ESCAPE '\\' OR body " + op + " " + p + " ESCAPE '\\'");
  }
}

std::string Page(int limit, int offset) {
  return " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
}

}  // namespace

std::string SqlWhere::Param(SqlValue v) {
  values_.push_back(std::move(v));
  return dialect_->placeholder(static_cast<int>(values_.size()));
}

Result<SqlWhere> TicketFilterWhere(const TicketFilter& f, const SqlDialect& d) {
  if (f.limit < 1 || f.limit > 500) return Status::InvalidArgument("limit must be 1..500");
  if (f.offset < 0) return Status::InvalidArgument("offset must be >= 0");
  SqlWhere w(d);
  if (f.status) w.And("status = " + w.Param(std::string(ToString(*f.status))));
  if (!f.owner_unit.empty()) w.And("owner_unit = " + w.Param(f.owner_unit));
  if (!f.region_prefix.empty()) w.And(PrefixCondition(w, "region_code", f.region_prefix));
  if (!f.category_prefix.empty()) w.And(PrefixCondition(w, "category_code", f.category_prefix));
  if (f.created_from > 0) w.And("created_at >= " + w.Param(f.created_from));
  if (f.created_to > 0) w.And("created_at < " + w.Param(f.created_to));
  if (!f.text.empty()) AddTextCondition(w, f.text);
  // ---- workflow lists (issue 4, part A) ----
  if (!f.statuses.empty()) w.And(StatusList(w, f.statuses));
  if (!f.involved_unit.empty()) {
    using In = TicketFilter::Involvement;
    std::string p = w.Param(f.involved_unit);
    std::string lead = "owner_unit = " + p;
    std::string assist = d.list_contains("assist_units", p);
    w.And(f.involvement == In::kLead     ? lead
          : f.involvement == In::kAssist ? assist
                                         : lead + " OR " + assist);
  }
  if (f.due_from > 0 || f.due_before > 0) w.And("due_at <> 0");
  if (f.due_from > 0) w.And("due_at >= " + w.Param(f.due_from));
  if (f.due_before > 0) w.And("due_at < " + w.Param(f.due_before));
  if (f.escalated) w.And("escalated_at <> 0");
  // ---- end workflow lists ----
  if (f.unowned_open) {
    w.And("owner_unit = '' AND status NOT IN ('resolved','revisited','archived','merged',"
          "'resolved_at_intake')");
  }
  return w;
}

std::string TicketFilterOrder(const TicketFilter& f) {
  return (f.due_first      ? " ORDER BY due_at, id"
          : f.oldest_first ? " ORDER BY created_at, id"
                           : " ORDER BY created_at DESC, id DESC") +
         Page(f.limit, f.offset);
}

Result<SqlWhere> TicketQueryWhere(const TicketQuery& q, const SqlDialect& d) {
  if (q.limit < 1 || q.limit > 10000) return Status::InvalidArgument("limit must be 1..10000");
  if (q.offset < 0) return Status::InvalidArgument("offset must be >= 0");
  SqlWhere w(d);
  if (!q.numbers.empty()) {
    std::string in;
    for (const std::string& n : q.numbers) in += (in.empty() ? "" : ",") + w.Param(n);
    w.And("number IN (" + in + ")");
  }
  if (!q.category_codes.empty()) {
    std::string any;
    for (const std::string& k : q.category_codes) {
      any += (any.empty() ? "(" : " OR (") + PrefixCondition(w, "category_code", k) + ")";
    }
    w.And(any);
  }
  if (!q.statuses.empty()) w.And(StatusList(w, q.statuses));
  if (q.created_from > 0) w.And("created_at >= " + w.Param(q.created_from));
  if (q.created_to > 0) w.And("created_at < " + w.Param(q.created_to));
  if (q.updated_from > 0) w.And("updated_at >= " + w.Param(q.updated_from));
  if (q.updated_to > 0) w.And("updated_at < " + w.Param(q.updated_to));
  return w;
}

std::string TicketQueryOrder(const TicketQuery& q) {
  return (q.oldest_first ? " ORDER BY created_at, id" : " ORDER BY created_at DESC, id DESC") +
         Page(q.limit, q.offset);
}

}  // namespace lianxin::store::sql
