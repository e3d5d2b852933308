// Knowledge-base administration: who may create, edit, publish and retire; edits
// keep every version with who and when; readers other than editors see only
// published versions; list filters.
#include <gtest/gtest.h>

#include "service/kb_fixture.h"

namespace lianxin::service {
namespace {

using KnowledgeTest = KbServiceTest;

KbEntry Entry(const std::string& question, const std::string& answer, const std::string& unit = "") {
  KbEntry e;
  e.questions = {question};
  e.answer = answer;
  e.owner_unit = unit;
  e.tags = {"住建"};
  return e;
}

TEST_F(KnowledgeTest, HandlersCreateDraftsForTheirOwnUnitOnly) {
  auto mine = svc_->CreateKbEntry(zjj_, Entry("物业维修基金怎么申请", "向区住建局提交申请材料。"));
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->entry.owner_unit, "XD.A.A3/zjj");
  EXPECT_EQ(mine->entry.status, KbEntryStatus::kDraft);
  EXPECT_EQ(mine->entry.version, 1);
  EXPECT_EQ(mine->entry.editor, "zhujian_a3");
  EXPECT_EQ(mine->entry.edited_at, kT0);
  EXPECT_TRUE(mine->editable);
  EXPECT_EQ(mine->published_version, 0);
  EXPECT_EQ(svc_->CreateKbEntry(zjj_, Entry("问", "答。", "XD.A.A3/cg")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->CreateKbEntry(taker_, Entry("问", "答。", "XD.A.A3/zjj")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->CreateKbEntry(supervisor_, Entry("问", "答。", "XD.A.A3/zjj")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->CreateKbEntry(Actor::Citizen(), Entry("问", "答。", "XD.A.A3/zjj")).status().code(),
            StatusCode::kPermissionDenied);
  // Bad input gets a clear error and stores nothing.
  EXPECT_EQ(svc_->CreateKbEntry(admin_, Entry("问", "", "XD.A.A3/zjj")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->CreateKbEntry(admin_, Entry("问", "答。", "XD/nope")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->CreateKbEntry(admin_, Entry("问", "答。", "")).status().code(), StatusCode::kInvalidArgument);
  KbEntry bad_region = Entry("问", "答。", "XD.A.A3/zjj");
  bad_region.regions = {"XD.NOPE"};
  EXPECT_EQ(svc_->CreateKbEntry(admin_, bad_region).status().code(), StatusCode::kInvalidArgument);
  int64_t total = 0;
  ASSERT_TRUE(svc_->ListKbEntries(admin_, {}, &total).ok());
  EXPECT_EQ(total, 13);  // 12 demo entries + the one draft
}

TEST_F(KnowledgeTest, AnEditIsANewVersionAndHistoryKeepsWhoAndWhen) {
  auto v1 = svc_->CreateKbEntry(admin_, Entry("物业维修基金怎么申请", "第一版。", "XD.A.A3/zjj"));
  ASSERT_TRUE(v1.ok());
  int64_t id = v1->entry.id;
  clock_.Advance(kHourMs);
  auto v2 = svc_->EditKbEntry(zjj_, id, Entry("物业维修基金怎么申请", "第二版。"));
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->entry.version, 2);
  EXPECT_EQ(v2->entry.owner_unit, "XD.A.A3/zjj");  // kept when not given
  ASSERT_EQ(v2->versions.size(), 2u);
  EXPECT_EQ(v2->versions[0].answer, "第一版。");
  EXPECT_EQ(v2->versions[0].editor, "admin");
  EXPECT_EQ(v2->versions[0].edited_at, kT0);
  EXPECT_EQ(v2->versions[1].answer, "第二版。");
  EXPECT_EQ(v2->versions[1].editor, "zhujian_a3");
  EXPECT_EQ(v2->versions[1].edited_at, kT0 + kHourMs);
  // Another unit's handler may not edit; an unpublished entry of another unit is not even visible.
  EXPECT_EQ(svc_->EditKbEntry(cg_, id, Entry("问", "答。")).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(svc_->PublishKbEntry(supervisor_, id, 2).ok());
  EXPECT_EQ(svc_->EditKbEntry(cg_, id, Entry("问", "答。")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->EditKbEntry(supervisor_, id, Entry("问", "答。")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->EditKbEntry(zjj_, id, Entry("问", "答。", "XD.A.A3/cg")).status().code(),
            StatusCode::kPermissionDenied);  // may not hand it to another unit
  EXPECT_EQ(svc_->EditKbEntry(admin_, 99999, Entry("问", "答。")).status().code(), StatusCode::kNotFound);
}

TEST_F(KnowledgeTest, SupervisorsPublishAndRetire) {
  auto v1 = svc_->CreateKbEntry(zjj_, Entry("物业维修基金怎么申请", "第一版。"));
  ASSERT_TRUE(v1.ok());
  int64_t id = v1->entry.id;
  EXPECT_EQ(svc_->PublishKbEntry(zjj_, id, 1).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->PublishKbEntry(taker_, id, 1).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->PublishKbEntry(supervisor_, id, 5).status().code(), StatusCode::kNotFound);
  auto pub = svc_->PublishKbEntry(supervisor_, id, 1);
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_EQ(pub->published_version, 1);
  ASSERT_TRUE(svc_->EditKbEntry(zjj_, id, Entry("物业维修基金怎么申请", "第二版。")).ok());
  auto pub2 = svc_->PublishKbEntry(admin_, id, 2);
  ASSERT_TRUE(pub2.ok());
  EXPECT_EQ(pub2->published_version, 2);
  EXPECT_EQ(pub2->versions[0].status, KbEntryStatus::kRetired);  // the old one is retired
  EXPECT_EQ(svc_->PublishKbEntry(supervisor_, id, 1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(svc_->RetireKbEntry(zjj_, id).status().code(), StatusCode::kPermissionDenied);
  auto retired = svc_->RetireKbEntry(supervisor_, id);
  ASSERT_TRUE(retired.ok());
  EXPECT_EQ(retired->published_version, 0);
  EXPECT_EQ(svc_->RetireKbEntry(supervisor_, id).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(KnowledgeTest, ReadersOtherThanEditorsSeeOnlyPublishedVersions) {
  auto draft = svc_->CreateKbEntry(zjj_, Entry("物业维修基金怎么申请", "第一版。"));
  ASSERT_TRUE(draft.ok());
  int64_t id = draft->entry.id;
  for (const Actor& reader : {Actor::Citizen(), taker_, analyst_, cg_}) {
    EXPECT_EQ(svc_->GetKbEntry(reader, id).status().code(), StatusCode::kNotFound) << reader.username;
    int64_t total = 0;
    ASSERT_TRUE(svc_->ListKbEntries(reader, {}, &total).ok());
    EXPECT_EQ(total, 12) << reader.username;  // the demo's published entries only
  }
  EXPECT_TRUE(svc_->GetKbEntry(supervisor_, id).ok());
  ASSERT_TRUE(svc_->PublishKbEntry(supervisor_, id, 1).ok());
  ASSERT_TRUE(svc_->EditKbEntry(zjj_, id, Entry("物业维修基金怎么申请", "草稿第二版。")).ok());
  auto seen = svc_->GetKbEntry(Actor::Citizen(), id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->entry.version, 1);  // the published one, not the newer draft
  EXPECT_EQ(seen->entry.answer, "第一版。");
  EXPECT_TRUE(seen->versions.empty());
  EXPECT_FALSE(seen->editable);
  auto editor = svc_->GetKbEntry(zjj_, id);
  ASSERT_TRUE(editor.ok());
  EXPECT_EQ(editor->entry.version, 2);
  EXPECT_EQ(editor->versions.size(), 2u);
}

TEST_F(KnowledgeTest, ListFiltersByStatusUnitTagAndText) {
  ASSERT_TRUE(svc_->CreateKbEntry(zjj_, Entry("物业维修基金怎么申请", "向区住建局提交申请。")).ok());
  KbEntryQuery q;
  q.status = KbEntryStatus::kDraft;
  int64_t total = 0;
  auto drafts = svc_->ListKbEntries(admin_, q, &total);
  ASSERT_TRUE(drafts.ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(drafts->at(0).entry.questions[0], "物业维修基金怎么申请");
  q = {};
  q.owner_unit = "XD.A.A3/zjj";
  ASSERT_TRUE(svc_->ListKbEntries(admin_, q, &total).ok());
  EXPECT_EQ(total, 1);
  q = {};
  q.tag = "社保";
  auto tagged = svc_->ListKbEntries(Actor::Citizen(), q, &total);
  ASSERT_TRUE(tagged.ok());
  EXPECT_GE(total, 1);
  for (const KbEntryView& v : *tagged) {
    EXPECT_NE(std::find(v.entry.tags.begin(), v.entry.tags.end(), "社保"), v.entry.tags.end());
  }
  q = {};
  q.text = "公积金";
  auto text = svc_->ListKbEntries(Actor::Citizen(), q, &total);
  ASSERT_TRUE(text.ok());
  ASSERT_GE(total, 1);
  EXPECT_LT(total, 12);
  for (const KbEntryView& v : *text) {
    bool holds = v.entry.answer.find("公积金") != std::string::npos;
    for (const std::string& question : v.entry.questions) holds = holds || question.find("公积金") != std::string::npos;
    EXPECT_TRUE(holds) << v.entry.id;
  }
  q = {};
  q.limit = 5;
  q.offset = 10;
  auto page = svc_->ListKbEntries(Actor::Citizen(), q, &total);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(total, 12);
  EXPECT_EQ(page->size(), 2u);
  q.limit = 0;
  EXPECT_EQ(svc_->ListKbEntries(admin_, q, &total).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
