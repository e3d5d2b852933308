// Test-only: a service over a temporary SQLite store with the demo province and
// the hand-written demo knowledge base (data/kb/common.csv) published, the jieba
// segmenter loaded once per test binary, and a fake clock at 2026-11-29 08:00.
// Shared by assist_test.cc, knowledge_test.cc and kb_gaps_test.cc. Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/csv.h"
#include "kb/entries.h"
#include "service/service.h"
#include "testutil/testutil.h"
#include "text/text.h"

namespace lianxin::service {

class KbServiceTest : public ::testing::Test {
 protected:
  static constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

  static void SetUpTestSuite() {
    if (segmenter_) return;
    auto s = text::LoadJiebaSegmenter({});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    segmenter_ = new std::shared_ptr<const text::Segmenter>(std::move(s).value());
  }

  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("kb.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    Status st = LoadDemoProvince(*svc_, testutil::RepoRoot() + "/data/demo");
    ASSERT_TRUE(st.ok()) << st.ToString();
    std::string csv = testutil::RepoRoot() + "/data/kb/common.csv";
    auto text = ReadTextFile(csv);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    auto entries = kb::ParseEntriesCsv(*text, csv);
    ASSERT_TRUE(entries.ok()) << entries.status().ToString();
    for (KbEntry& e : *entries) {
      e.status = KbEntryStatus::kPublished;
      e.editor = "demo";
      e.edited_at = kT0 - kDayMs;
    }
    ASSERT_TRUE(store_->ImportKbEntries(*entries).ok());
    ASSERT_TRUE(svc_->LoadKnowledgeBase(*segmenter_).ok());
  }

  static Actor As(Role role, const std::string& name, const std::string& unit = "") {
    Actor a;
    a.username = name;
    a.role = role;
    a.unit_code = unit;
    return a;
  }
  Actor admin_ = As(Role::kAdmin, "admin");
  Actor supervisor_ = As(Role::kSupervisor, "duban");
  Actor taker_ = As(Role::kCallTaker, "huawu");
  Actor analyst_ = As(Role::kAnalyst, "fenxi");
  Actor zjj_ = As(Role::kUnitHandler, "zhujian_a3", "XD.A.A3/zjj");
  Actor cg_ = As(Role::kUnitHandler, "cg_a3", "XD.A.A3/cg");

  // A new entry of XD.A.A3/zjj created by admin and published (version 1).
  KbEntryView Published(const std::string& question, const std::string& answer,
                        const std::string& valid_to = "", std::vector<std::string> regions = {}) {
    KbEntry e;
    e.questions = {question};
    e.answer = answer;
    e.owner_unit = "XD.A.A3/zjj";
    e.valid_to = valid_to;
    e.regions = std::move(regions);
    auto created = svc_->CreateKbEntry(admin_, e);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    if (!created.ok()) return {};
    auto pub = svc_->PublishKbEntry(supervisor_, created->entry.id, 1);
    EXPECT_TRUE(pub.ok()) << pub.status().ToString();
    return pub.ok() ? *pub : KbEntryView{};
  }

  // Whether `a` cites entry `id` anywhere.
  static bool Cites(const AssistAnswer& a, int64_t id) {
    for (const kb::AnswerSentence& s : a.sentences) {
      if (s.citation.entry_id == id) return true;
    }
    return false;
  }

  static inline std::shared_ptr<const text::Segmenter>* segmenter_ = nullptr;
  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

}  // namespace lianxin::service
