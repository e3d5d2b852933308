// Knowledge-base administration (issue 5; issue 7 "administration and review"):
// list, read with history, create (draft), edit (a new version, who and when
// kept), publish and retire, with the roles' rules; review keeps the AI seat's
// searcher current.
#include <algorithm>
#include <map>

#include "kb/entries.h"
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

// Admins edit every entry; a unit's handlers edit their unit's entries.
bool MayEdit(const Actor& a, const std::string& owner_unit) {
  if (a.citizen) return false;
  if (a.role == Role::kAdmin) return true;
  return a.role == Role::kUnitHandler && !a.unit_code.empty() && a.unit_code == owner_unit;
}

// Supervisors (and admins) review: publish and retire.
bool MayReview(const Actor& a) {
  return !a.citizen && (a.role == Role::kSupervisor || a.role == Role::kAdmin);
}

// Editors and reviewers see drafts and the version history.
bool SeesDrafts(const Actor& a, const std::string& owner_unit) {
  return MayEdit(a, owner_unit) || MayReview(a);
}

bool HasTag(const KbEntry& e, const std::string& tag) {
  return std::find(e.tags.begin(), e.tags.end(), tag) != e.tags.end();
}

bool HoldsText(const KbEntry& e, const std::string& normalized) {
  if (text::Normalize(e.answer).find(normalized) != std::string::npos) return true;
  for (const std::string& q : e.questions) {
    if (text::Normalize(q).find(normalized) != std::string::npos) return true;
  }
  return false;
}

// The published version among `versions`, if any.
const KbEntry* Published(const std::vector<KbEntry>& versions) {
  for (const KbEntry& v : versions) {
    if (v.status == KbEntryStatus::kPublished) return &v;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<KbEntryView>> Service::ListKbEntries(const Actor& actor, const KbEntryQuery& query,
                                                        int64_t* total) {
  if (query.limit < 1 || query.limit > 500 || query.offset < 0) {
    return Status::InvalidArgument("limit 应在 1 到 500 之间，offset 不能为负");
  }
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> latest, store_.ListKbEntries(false));
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> published, store_.ListKbEntries(true));
  std::map<int64_t, const KbEntry*> published_by_id;
  for (const KbEntry& e : published) published_by_id[e.id] = &e;
  std::string text = text::Normalize(query.text);
  std::vector<KbEntryView> matches;
  for (const KbEntry& e : latest) {
    auto pub = published_by_id.find(e.id);
    KbEntryView v;
    if (SeesDrafts(actor, e.owner_unit)) {
      v.entry = e;
      v.editable = MayEdit(actor, e.owner_unit);
    } else if (pub != published_by_id.end()) {
      v.entry = *pub->second;
    } else {
      continue;
    }
    v.published_version = pub == published_by_id.end() ? 0 : pub->second->version;
    if (query.status && v.entry.status != *query.status) continue;
    if (!query.owner_unit.empty() && v.entry.owner_unit != query.owner_unit) continue;
    if (!query.tag.empty() && !HasTag(v.entry, query.tag)) continue;
    if (!text.empty() && !HoldsText(v.entry, text)) continue;
    matches.push_back(std::move(v));
  }
  if (total) *total = static_cast<int64_t>(matches.size());
  std::vector<KbEntryView> page;
  for (size_t i = query.offset; i < matches.size() && page.size() < static_cast<size_t>(query.limit); ++i) {
    page.push_back(std::move(matches[i]));
  }
  return page;
}

Result<KbEntryView> Service::GetKbEntry(const Actor& actor, int64_t id) {
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> versions, store_.ListKbEntryVersions(id));
  const KbEntry& latest = versions.back();
  const KbEntry* pub = Published(versions);
  KbEntryView v;
  v.published_version = pub ? pub->version : 0;
  if (SeesDrafts(actor, latest.owner_unit)) {
    v.entry = latest;
    v.editable = MayEdit(actor, latest.owner_unit);
    v.versions = std::move(versions);
    return v;
  }
  if (!pub) return Status::NotFound("知识条目 " + std::to_string(id) + " 不存在");
  v.entry = *pub;
  return v;
}

namespace {

// Checks an entry's content and references (kb::ValidateEntry, known unit and regions).
Status CheckEntry(const Directory& dir, const KbEntry& e) {
  LX_RETURN_IF_ERROR(kb::ValidateEntry(e));
  if (e.owner_unit.empty()) return Status::InvalidArgument("请指定负责该条目的承办单位");
  if (!dir.FindUnit(e.owner_unit)) return Status::InvalidArgument("未知的承办单位：" + e.owner_unit);
  for (const std::string& r : e.regions) {
    if (!dir.FindRegion(r)) return Status::InvalidArgument("未知的属地：" + r);
  }
  return Status::Ok();
}

}  // namespace

Result<KbEntryView> Service::CreateKbEntry(const Actor& actor, KbEntry entry) {
  if (actor.citizen || (actor.role != Role::kAdmin && actor.role != Role::kUnitHandler)) {
    return Status::PermissionDenied("只有管理员和承办单位可以新建知识条目");
  }
  if (actor.role == Role::kUnitHandler) {
    if (!entry.owner_unit.empty() && entry.owner_unit != actor.unit_code) {
      return Status::PermissionDenied("只能为本单位新建知识条目");
    }
    entry.owner_unit = actor.unit_code;
  }
  LX_RETURN_IF_ERROR(CheckEntry(*directory(), entry));
  entry.id = 0;
  entry.version = 0;
  entry.status = KbEntryStatus::kDraft;
  entry.editor = actor.username;
  entry.edited_at = clock_.Now();
  LX_ASSIGN_OR_RETURN(KbEntry stored, store_.CreateKbEntry(entry));
  return GetKbEntry(actor, stored.id);
}

Result<KbEntryView> Service::EditKbEntry(const Actor& actor, int64_t id, KbEntry entry) {
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> versions, store_.ListKbEntryVersions(id));
  const KbEntry& latest = versions.back();
  if (!MayEdit(actor, latest.owner_unit)) {
    if (!SeesDrafts(actor, latest.owner_unit) && !Published(versions)) {
      return Status::NotFound("知识条目 " + std::to_string(id) + " 不存在");
    }
    return Status::PermissionDenied("只有管理员和该条目所属单位可以修改");
  }
  if (entry.owner_unit.empty()) entry.owner_unit = latest.owner_unit;
  if (actor.role == Role::kUnitHandler && entry.owner_unit != actor.unit_code) {
    return Status::PermissionDenied("不能把条目转给其他单位");
  }
  LX_RETURN_IF_ERROR(CheckEntry(*directory(), entry));
  entry.id = id;
  entry.status = KbEntryStatus::kDraft;
  entry.editor = actor.username;
  entry.edited_at = clock_.Now();
  LX_RETURN_IF_ERROR(store_.AddKbEntryVersion(entry).status());
  return GetKbEntry(actor, id);
}

Result<KbEntryView> Service::PublishKbEntry(const Actor& actor, int64_t id, int version) {
  if (!MayReview(actor)) return Status::PermissionDenied("只有督办员和管理员可以发布知识条目");
  return ReviewKbEntry(actor, id, version, KbEntryStatus::kPublished);
}

Result<KbEntryView> Service::RetireKbEntry(const Actor& actor, int64_t id) {
  if (!MayReview(actor)) return Status::PermissionDenied("只有督办员和管理员可以停用知识条目");
  return ReviewKbEntry(actor, id, 0, KbEntryStatus::kRetired);
}

Result<KbEntryView> Service::ReviewKbEntry(const Actor& actor, int64_t id, int version,
                                           KbEntryStatus status) {
  {
    std::lock_guard<std::mutex> review(impl_->kb_mu);
    LX_ASSIGN_OR_RETURN(std::vector<KbEntry> versions, store_.ListKbEntryVersions(id));
    const KbEntry* target = nullptr;
    if (status == KbEntryStatus::kRetired) {
      target = Published(versions);
      if (!target) return Status::FailedPrecondition("该条目没有已发布的版本");
    } else {
      for (const KbEntry& v : versions) target = v.version == version ? &v : target;
      if (!target) {
        return Status::NotFound("知识条目 " + std::to_string(id) + " 没有第 " + std::to_string(version) + " 版");
      }
      if (target->status == KbEntryStatus::kRetired) {
        return Status::FailedPrecondition("已停用的版本不能再发布，请修改后发布新版本");
      }
      LX_RETURN_IF_ERROR(CheckEntry(*directory(), *target));
    }
    if (target->status != status) LX_RETURN_IF_ERROR(store_.SetKbEntryStatus(id, target->version, status));
    KbEntry reviewed = *target;
    reviewed.status = status;
    std::shared_ptr<kb::Searcher> searcher;
    {
      std::lock_guard<std::mutex> lock(impl_->mu);
      searcher = impl_->searcher;
    }
    // Published: the version the AI seat finds; retired: the entry leaves it.
    // Without a searcher yet, it is built from the store on first use.
    if (searcher) searcher->Upsert(reviewed);
  }
  return GetKbEntry(actor, id);
}

}  // namespace lianxin::service
