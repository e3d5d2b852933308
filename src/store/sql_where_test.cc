#include "store/sql_where.h"

#include <gtest/gtest.h>

namespace lianxin::store::sql {
namespace {

SqlDialect TestDialect() {
  SqlDialect d;
  d.placeholder = [](int n) { return "$" + std::to_string(n); };
  d.binary_collate = " COLLATE \"C\"";
  d.list_contains = [](const std::string& col, const std::string& p) {
    return "contains(" + col + ", " + p + ")";
  };
  d.terms_match = [](SqlWhere& w, const std::vector<std::string>& terms) {
    std::string out = "match(";
    for (const std::string& t : terms) out += w.Param(t);
    return out + ")";
  };
  d.query_terms = [](const std::string& piece) {
    return std::vector<std::string>{piece + "1", piece + "2"};
  };
  return d;
}

TEST(SqlWhere, FilterConditionsTakeParametersInOrder) {
  SqlDialect d = TestDialect();
  TicketFilter f;
  f.owner_unit = "XD.A/zjj";
  f.region_prefix = "XD.A";
  f.text = "噪音 x";
  f.involved_unit = "XD.A/cgj";
  f.involvement = TicketFilter::Involvement::kAssist;
  auto w = TicketFilterWhere(f, d);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->sql(),
            " WHERE 1=1 AND (owner_unit = $1) AND (region_code = $2 OR (region_code COLLATE \"C\" "
            ">= $3 AND region_code COLLATE \"C\" < $3 || '~')) AND (match($4$5)) AND (title LIKE "
            "$6 ESCAPE '\\' OR body LIKE $6 ESCAPE '\\') AND (contains(assist_units, $7))");
  ASSERT_EQ(w->values().size(), 7u);
  EXPECT_EQ(std::get<std::string>(w->values()[2]), "XD.A.");
  EXPECT_EQ(std::get<std::string>(w->values()[3]), "噪音1");
  EXPECT_EQ(std::get<std::string>(w->values()[5]), "%x%");
  EXPECT_EQ(TicketFilterOrder(f), " ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0");
}

TEST(SqlWhere, LikePiecesAreEscaped) {
  SqlDialect d = TestDialect();
  TicketFilter f;
  f.text = "%";
  auto w = TicketFilterWhere(f, d);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(std::get<std::string>(w->values()[0]), "%\\%%");
}

TEST(SqlWhere, RejectsBadPages) {
  SqlDialect d = TestDialect();
  TicketFilter f;
  f.limit = 0;
  EXPECT_EQ(TicketFilterWhere(f, d).status().code(), StatusCode::kInvalidArgument);
  TicketQuery q;
  q.offset = -1;
  EXPECT_EQ(TicketQueryWhere(q, d).status().code(), StatusCode::kInvalidArgument);
  q.offset = 0;
  q.category_codes = {"01", "02"};
  q.created_from = 5;
  auto w = TicketQueryWhere(q, d);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->values().size(), 5u);
  EXPECT_EQ(std::get<int64_t>(w->values()[4]), 5);
  EXPECT_EQ(TicketQueryOrder(q), " ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0");
}

}  // namespace
}  // namespace lianxin::store::sql
