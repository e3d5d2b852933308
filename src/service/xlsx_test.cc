#include "service/xlsx.h"

#include <gtest/gtest.h>

#include "core/csv.h"
#include "service/bulk_import.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

// tests/cases/xlsx/*.xlsx, written by make_fixtures.py there.
std::string Fixture(const std::string& name) {
  auto bytes = ReadTextFile(testutil::RepoRoot() + "/tests/cases/xlsx/" + name);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : "";
}

std::vector<std::string> Fields(std::initializer_list<const char*> f) { return {f.begin(), f.end()}; }

TEST(Xlsx, ReadsSharedInlineRichNumbersAndDates) {
  auto rows = ParseXlsx(Fixture("tickets.xlsx"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[0].line, 1);
  EXPECT_EQ((*rows)[0].fields, Fields({"number", "created_at", "title", "body", "region", "category",
                                       "owner_unit", "reply", "resolved_at", "status", "citizen_phone"}));
  EXPECT_EQ((*rows)[1].line, 2);
  EXPECT_EQ((*rows)[1].fields,
            Fields({"H-1", "2025-03-01T09:00:00+08:00", "路灯不亮", "小区路灯坏了 <三盏>", "XD.A", "",
                    "XD.A/zjj", "已修复", "2025-03-03T10:00:00+08:00", "archived", "13812341234"}));
  EXPECT_EQ((*rows)[2].line, 3);  // cells without references follow the previous one
  EXPECT_EQ((*rows)[2].fields, Fields({"H-2", "2025-03-02", "噪音", "夜间施工"}));
  EXPECT_EQ((*rows)[3].line, 6);  // rows 4 (absent) and 5 (blank) are left out
  EXPECT_EQ((*rows)[3].fields, Fields({"H-3", "12345", "标题", "内容"}));
  EXPECT_EQ((*rows)[4].fields, Fields({"H-4", "45717", "", "内容"}));  // a money format is no date
}

TEST(Xlsx, Date1904StoredPartsPrefixedXmlAndTheSheetFromTheRelationships) {
  auto rows = ParseXlsx(Fixture("date1904.xlsx"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fields, Fields({"N-1", "2024-02-29T12:00:00+08:00", "井盖缺失", "TRUE"}));
}

TEST(Xlsx, BadFilesGiveAClearErrorNeverACrash) {
  for (std::string bad : {std::string(), std::string("number,created_at\nH-1,2025-03-01\n"),
                          std::string(100, '\0'), std::string("PK\x05\x06") + std::string(18, '\xff')}) {
    auto r = ParseXlsx(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("xlsx"), std::string::npos) << r.status().message();
  }
  const std::string good = Fixture("tickets.xlsx");
  ASSERT_FALSE(good.empty());
  // Every truncation fails cleanly; every flipped byte either still reads or fails
  // cleanly (a damaged compressed part is caught by inflate or the CRC).
  for (size_t n = 0; n < good.size(); ++n) {
    auto r = ParseXlsx(std::string_view(good).substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << n;
  }
  for (size_t i = 0; i < good.size(); ++i) {
    std::string damaged = good;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    auto r = ParseXlsx(damaged);
    if (!r.ok()) ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << i;
  }
}

class XlsxImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("x.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}}).ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    admin_.username = "admin";
    admin_.role = Role::kAdmin;
  }
  testutil::TempDir dir_;
  FakeClock clock_{1795910400000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor admin_;
};

TEST_F(XlsxImportTest, SameChecksAndDryRunReportAsCsvWithSheetRowNumbers) {
  const std::string file = Fixture("tickets.xlsx");
  auto dry = ImportTicketsXlsx(*svc_, admin_, file, /*dry_run=*/true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->rows, 4);
  EXPECT_EQ(dry->accepted, 2);
  ASSERT_EQ(dry->rejected.size(), 2u);
  EXPECT_EQ(dry->rejected[0].line, 6);
  EXPECT_EQ(dry->rejected[0].number, "H-3");
  EXPECT_NE(dry->rejected[0].reason.find("created_at"), std::string::npos);
  EXPECT_EQ(dry->rejected[1].line, 7);  // 45717 in a money format is no date
  EXPECT_NE(dry->rejected[1].reason.find("created_at"), std::string::npos);
  EXPECT_EQ(store_->Stats()->tickets, 0);

  auto done = ImportTicketsXlsx(*svc_, admin_, file, /*dry_run=*/false);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->inserted, 2);
  auto t = store_->GetTicketByNumber("H-1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, TicketStatus::kArchived);
  EXPECT_EQ(t->created_at, *ParseTime("2025-03-01T09:00:00+08:00"));
  EXPECT_EQ(t->resolved_at, *ParseTime("2025-03-03T10:00:00+08:00"));
  EXPECT_EQ(t->reply, "已修复");
  EXPECT_EQ(t->citizen_phone, "13812341234");
  // The same rows as CSV give the same report.
  auto csv = ImportTicketsCsv(*svc_, admin_,
                              "number,created_at,title,body\nH-3,12345,标题,内容\n", /*dry_run=*/true);
  ASSERT_TRUE(csv.ok());
  ASSERT_EQ(csv->rejected.size(), 1u);
  EXPECT_EQ(csv->rejected[0].reason, dry->rejected[0].reason);
  // Not an xlsx: a clear error; not an admin: refused.
  auto bad = ImportTicketsXlsx(*svc_, admin_, "number,created_at\n", true);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  Actor clerk;
  clerk.role = Role::kCallTaker;
  EXPECT_EQ(ImportTicketsXlsx(*svc_, clerk, file, true).status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace lianxin::service
