#include "service/bulk_import.h"

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

class BulkImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("s.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"}}).ok());
    ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1}}).ok());
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

constexpr char kCsv[] =
    "number,created_at,title,body,region,category,owner_unit,reply,resolved_at,status,kind\n"
    "H-1,2025-03-01 09:00:00,路灯不亮,小区路灯坏了,XD.A,01,XD.A/zjj,已修复,2025-03-03 10:00:00,archived,help\n"
    "H-2,2025-03-02,噪音,夜间施工,XD.A,,,,,resolved,\n"
    "H-3,not-a-date,标题,内容,,,,,,,\n"
    "H-4,2025-03-02,标题,内容,XD.NOPE,,,,,,\n"
    "H-5,2025-03-02,,内容,,,,,,,\n"
    "H-1,2025-03-02,重复,内容,,,,,,,\n"
    "H-7,2025-03-05,标题,内容,,,,答复,2025-03-01,,\n"
    "H-8,2025-03-05,标题,内容,,,,,,open,\n"
    "H 9,2025-03-05,标题,内容,,,,,,,\n"
    "H-10,2025-03-05,标题,内容,,,,,,,rumour\n";

TEST_F(BulkImportTest, DryRunReportsRejectedRowsAndStoresNothing) {
  auto report = ImportTicketsCsv(*svc_, admin_, kCsv, /*dry_run=*/true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->dry_run);
  EXPECT_EQ(report->rows, 10);
  EXPECT_EQ(report->accepted, 2);
  EXPECT_EQ(report->inserted, 0);
  ASSERT_EQ(report->rejected.size(), 8u);
  EXPECT_EQ(report->rejected[0].line, 4);
  EXPECT_EQ(report->rejected[0].number, "H-3");
  EXPECT_NE(report->rejected[0].reason.find("created_at"), std::string::npos);
  EXPECT_NE(report->rejected[1].reason.find("region"), std::string::npos);
  EXPECT_NE(report->rejected[2].reason.find("title"), std::string::npos);
  EXPECT_NE(report->rejected[3].reason.find("重复"), std::string::npos);
  EXPECT_NE(report->rejected[4].reason.find("早于"), std::string::npos);
  EXPECT_NE(report->rejected[5].reason.find("status"), std::string::npos);
  EXPECT_NE(report->rejected[6].reason.find("number"), std::string::npos);
  EXPECT_NE(report->rejected[7].reason.find("kind"), std::string::npos);
  EXPECT_EQ(store_->Stats()->tickets, 0);
}

TEST_F(BulkImportTest, ImportStoresHistoryAndIsRerunnable) {
  auto report = ImportTicketsCsv(*svc_, admin_, kCsv, /*dry_run=*/false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->inserted, 2);
  auto t = store_->GetTicketByNumber("H-1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, TicketStatus::kArchived);
  EXPECT_EQ(t->kind, TicketKind::kHelp);
  EXPECT_EQ(t->channel, Channel::kImport);
  EXPECT_EQ(t->owner_unit, "XD.A/zjj");
  EXPECT_EQ(t->reply, "已修复");
  auto events = store_->ListEvents(t->id);
  ASSERT_EQ(events->size(), 6u);  // 受理, 派单, 签收, 答复, 办结, 归档 (imported)
  EXPECT_EQ((*events)[1].type, EventType::kDispatch);
  EXPECT_EQ((*events)[2].type, EventType::kAccept);
  EXPECT_EQ((*events)[3].type, EventType::kReply);
  EXPECT_EQ((*events)[1].actor, "import");
  EXPECT_GT(t->due_at, t->created_at);  // the SLA's deadline from the import's 派单
  EXPECT_EQ(t->first_contact_at, t->resolved_at);
  EXPECT_EQ(t->version, 6);
  EXPECT_EQ(store_->GetTicketByNumber("H-2")->status, TicketStatus::kResolved);
  // A second run skips what is stored; a dry run says so.
  auto again = ImportTicketsCsv(*svc_, admin_, kCsv, /*dry_run=*/true);
  EXPECT_EQ(again->existing, 2);
  auto rerun = ImportTicketsCsv(*svc_, admin_, kCsv, /*dry_run=*/false);
  EXPECT_EQ(rerun->inserted, 0);
  EXPECT_EQ(rerun->existing, 2);
  EXPECT_EQ(store_->Stats()->tickets, 2);
}

// What `lianxin export --format csv` writes imports again elsewhere (migration),
// multi-line cells, quotes and commas included.
TEST_F(BulkImportTest, ExportedRowsImportAgain) {
  Ticket t;
  t.number = "XD-20250301-000007";
  t.kind = TicketKind::kComplaint;
  t.urgency = Urgency::kUrgent;
  t.channel = Channel::kPhone;
  t.title = "噪音, \"夜间\"施工";
  t.body = "第一行\n第二行，含逗号, 和引号\"";
  t.citizen_name = "李四";
  t.citizen_phone = "13900001111";
  t.region_code = "XD.A";
  t.address = "人民路 1 号";
  t.latitude = 28.1234567;
  t.longitude = 112.7654321;
  t.category_code = "01";
  t.owner_unit = "XD.A/zjj";
  t.status = TicketStatus::kResolved;
  t.reply = "已处理";
  t.created_at = 1740790800000;   // 2025-03-01 09:00 CST
  t.resolved_at = 1740963600000;  // 2025-03-03 09:00 CST
  std::string csv;
  for (const std::string& c : TicketCsvColumns()) csv += (csv.empty() ? "" : ",") + c;
  csv += "\r\n";
  std::vector<std::string> row = TicketCsvRow(t, /*with_personal_data=*/true);
  ASSERT_EQ(row.size(), TicketCsvColumns().size());
  for (size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + CsvQuote(row[i]);
  csv += "\r\n";
  auto report = ImportTicketsCsv(*svc_, admin_, csv, /*dry_run=*/false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->rejected.empty()) << report->rejected[0].reason;
  auto got = store_->GetTicketByNumber(t.number);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, t.title);
  EXPECT_EQ(got->body, t.body);
  EXPECT_EQ(got->kind, t.kind);
  EXPECT_EQ(got->urgency, t.urgency);
  EXPECT_EQ(got->channel, Channel::kPhone);
  EXPECT_EQ(got->citizen_phone, t.citizen_phone);
  EXPECT_EQ(got->address, t.address);
  EXPECT_NEAR(*got->latitude, *t.latitude, 1e-8);
  EXPECT_EQ(got->created_at, t.created_at);
  EXPECT_EQ(got->resolved_at, t.resolved_at);
  EXPECT_EQ(got->status, TicketStatus::kResolved);
  EXPECT_EQ(got->reply, t.reply);
  // Without personal data the export masks name and phone.
  EXPECT_EQ(TicketCsvRow(t, false)[8], "139****1111");
  // An unterminated quote is refused as a whole, naming the line.
  auto broken = ImportTicketsCsv(*svc_, admin_, csv + "X-1,\"2025-03-01", true);
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(BulkImportTest, BadFilesAndRolesAreRefused) {
  Actor dispatcher;
  dispatcher.role = Role::kDispatcher;
  EXPECT_EQ(ImportTicketsCsv(*svc_, dispatcher, kCsv, true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ImportTicketsCsv(*svc_, admin_, "", true).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ImportTicketsCsv(*svc_, admin_, "number,title,body\nH,t,b\n", true).status().code(),
            StatusCode::kInvalidArgument);  // no created_at column
  EXPECT_EQ(ImportTicketsCsv(*svc_, admin_, "number,created_at,title,body,owner\n", true).status().code(),
            StatusCode::kInvalidArgument);  // unknown column
}

// Found by the bulk_import fuzz target: values from the file are quoted in
// messages and reasons only when they are valid UTF-8.
TEST_F(BulkImportTest, BrokenBytesNeverReachMessagesOrReasons) {
  auto bad_header = ImportTicketsCsv(*svc_, admin_, "number,created\x9d_at,title,body\n", true);
  ASSERT_FALSE(bad_header.ok());
  EXPECT_TRUE(IsValidUtf8(bad_header.status().message())) << bad_header.status().message();
  auto report = ImportTicketsCsv(*svc_, admin_,
                                 "number,created_at,title,body,kind\nX-1,2025-01-01,t,b,\xfe\n", true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(report->rejected[0].reason)) << report->rejected[0].reason;
}

}  // namespace
}  // namespace lianxin::service
