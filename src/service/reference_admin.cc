// Editing reference data (issue 7 item 7): regions, units, categories and the
// duty catalog, by administrators, validated, audited (store::ReferenceChange,
// written in the same transaction as the change) and in force at once: the
// directory, and with it the dispatch agent's router, is rebuilt after each write.
#include <algorithm>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>

#include "core/utf8.h"
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

// Serialises validate-then-write, so two edits cannot both pass checks that only
// hold one at a time (a new parent and its child, a catalog revision). One process:
// with several API nodes the revision check still refuses a stale catalog edit.
std::mutex reference_mu;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLower(c) || IsDigit(c) || (c >= 'A' && c <= 'Z'); }

// [A-Za-z0-9]{1,max}
bool Segment(std::string_view s, size_t max, bool digits_only) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    if (digits_only ? !IsDigit(c) : !IsAlnum(c)) return false;
  }
  return true;
}

bool GoodUnitType(std::string_view t) {
  if (t.empty() || t.size() > 32 || !IsLower(t[0])) return false;
  for (char c : t) {
    if (!IsLower(c) && !IsDigit(c) && c != '_') return false;
  }
  return true;
}

std::string Summary(const Region& r) {
  return "name=" + r.name + " parent=" + r.parent + " level=" + std::string(ToString(r.level));
}
std::string Summary(const Unit& u) {
  return "name=" + u.name + " type=" + u.unit_type + " region=" + u.region_code;
}
std::string Summary(const Category& k) {
  return "name=" + k.name + " parent=" + k.parent + " level=" + std::to_string(k.level);
}
std::string Summary(const DutyRule& r) {
  return r.category_code + "→" + r.unit_type + "@" + std::string(ToString(r.region_level)) +
         (r.keywords.empty() ? "" : "[" + r.keywords + "]");
}
// The rules of `a` not in `b`, "; "-separated (the audit keeps what an edit
// removed and what it added, not whole catalogs).
std::string Missing(const std::vector<DutyRule>& a, const std::vector<DutyRule>& b) {
  std::multiset<std::string> in_b;
  for (const DutyRule& r : b) in_b.insert(Summary(r));
  std::string out;
  for (const DutyRule& r : a) {
    auto it = in_b.find(Summary(r));
    if (it != in_b.end()) {
      in_b.erase(it);
      continue;
    }
    out += (out.empty() ? "" : "; ") + Summary(r);
  }
  return out;
}

// The revision of a catalog: hex SHA-256 of its rules, in order, 16 characters.
std::string Revision(const std::vector<DutyRule>& rules) {
  std::string text;
  for (const DutyRule& r : rules) text += Summary(r) + "\n";
  return HashToken(text).substr(0, 16);
}

int Depth(RegionLevel l) { return static_cast<int>(l); }

}  // namespace

// Stores `edit` with its audit record (one transaction) and rebuilds the directory
// and the router from the store, so the change is in force when this returns.
static Status ApplyAndReload(Service& svc, const Actor& actor, const store::ReferenceEdit& edit,
                             const char* kind, const std::string& code, std::string before,
                             std::string after) {
  LX_RETURN_IF_ERROR(svc.store()
                         .ApplyReferenceEdit(edit, {0, svc.clock().Now(), actor.username, kind,
                                                    code, std::move(before), std::move(after)})
                         .status());
  return svc.ReloadDirectory();
}

Result<Region> Service::PutRegion(const Actor& actor, const Region& in) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改区域"));
  LX_RETURN_IF_ERROR(CheckText("区域名称", in.name, 50, true));
  std::lock_guard<std::mutex> lock(reference_mu);
  auto dir = directory();
  const Region* old = dir->FindRegion(in.code);
  if (old && (old->parent != in.parent || old->level != in.level)) {
    return Status::InvalidArgument("不能改变已有区域的上级或层级（编码已含上级编码）：" + in.code);
  }
  if (in.parent.empty()) {
    if (!old) {
      for (const Region& r : dir->regions) {
        if (r.parent.empty())
          return Status::InvalidArgument("已有根区域（" + r.code + "），新区域必须指定上级");
      }
      if (!Segment(in.code, 16, false))
        return Status::InvalidArgument("区域编码只能是 1–16 位字母或数字");
    }
  } else {
    const Region* parent = dir->FindRegion(in.parent);
    if (!parent) return Status::InvalidArgument("上级区域不存在：" + in.parent);
    const std::string prefix = in.parent + ".";
    if (in.code.rfind(prefix, 0) != 0 ||
        !Segment(std::string_view(in.code).substr(prefix.size()), 16, false)) {
      return Status::InvalidArgument("区域编码应为「上级编码.字母或数字」，如 " + prefix + "A1");
    }
    if (Depth(in.level) != Depth(parent->level) + 1) {
      return Status::InvalidArgument("区域层级应比上级低一级");
    }
    // The prefix rule makes a cycle impossible; walk up anyway, so a corrupt
    // directory cannot make this loop forever.
    std::set<std::string> seen{in.code};
    for (const Region* r = parent; r;
         r = r->parent.empty() ? nullptr : dir->FindRegion(r->parent)) {
      if (!seen.insert(r->code).second) return Status::InvalidArgument("区域的上级关系出现循环");
    }
  }
  store::ReferenceEdit edit;
  edit.regions = {in};
  LX_RETURN_IF_ERROR(
      ApplyAndReload(*this, actor, edit, "region", in.code, old ? Summary(*old) : "", Summary(in)));
  return in;
}

Result<Unit> Service::PutUnit(const Actor& actor, const Unit& in) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改承办单位"));
  LX_RETURN_IF_ERROR(CheckText("单位名称", in.name, 100, true));
  if (!GoodUnitType(in.unit_type)) {
    return Status::InvalidArgument(
        "单位类型应为小写字母开头的 1–32 位小写字母、数字或下划线，如 zjj");
  }
  std::lock_guard<std::mutex> lock(reference_mu);
  auto dir = directory();
  if (!dir->FindRegion(in.region_code))
    return Status::InvalidArgument("所属区域不存在：" + in.region_code);
  if (in.code != in.region_code + "/" + in.unit_type) {
    return Status::InvalidArgument("单位编码应为「区域编码/单位类型」：" + in.region_code + "/" +
                                   in.unit_type);
  }
  const Unit* old = dir->FindUnit(in.code);
  store::ReferenceEdit edit;
  edit.units = {in};
  LX_RETURN_IF_ERROR(
      ApplyAndReload(*this, actor, edit, "unit", in.code, old ? Summary(*old) : "", Summary(in)));
  return in;
}

Result<Category> Service::PutCategory(const Actor& actor, const Category& in) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改诉求分类"));
  LX_RETURN_IF_ERROR(CheckText("分类名称", in.name, 50, true));
  std::lock_guard<std::mutex> lock(reference_mu);
  auto dir = directory();
  const Category* old = dir->FindCategory(in.code);
  if (old && (old->parent != in.parent || old->level != in.level)) {
    return Status::InvalidArgument("不能改变已有分类的上级或层级：" + in.code);
  }
  if (in.parent.empty()) {
    if (in.level != 1) return Status::InvalidArgument("没有上级的分类必须是一级分类");
    if (!Segment(in.code, 4, true))
      return Status::InvalidArgument("一级分类编码应为 1–4 位数字，如 16");
  } else {
    const Category* parent = dir->FindCategory(in.parent);
    if (!parent) return Status::InvalidArgument("上级分类不存在：" + in.parent);
    if (in.level != parent->level + 1 || in.level > 3) {
      return Status::InvalidArgument("分类层级应比上级低一级，且最多三级");
    }
    const std::string prefix = in.parent + ".";
    if (in.code.rfind(prefix, 0) != 0 ||
        !Segment(std::string_view(in.code).substr(prefix.size()), 4, true)) {
      return Status::InvalidArgument("分类编码应为「上级编码.数字」，如 " + prefix + "01");
    }
  }
  store::ReferenceEdit edit;
  edit.categories = {in};
  LX_RETURN_IF_ERROR(ApplyAndReload(*this, actor, edit, "category", in.code,
                                    old ? Summary(*old) : "", Summary(in)));
  return in;
}

Result<DutyCatalog> Service::GetDutyCatalog(const Actor& actor) {
  if (actor.citizen) return Status::PermissionDenied("请先登录");
  LX_ASSIGN_OR_RETURN(std::vector<DutyRule> rules, store_.ListDutyRules());
  DutyCatalog c;
  c.revision = Revision(rules);
  c.rules = std::move(rules);
  return c;
}

Result<DutyCatalog> Service::PutDutyCatalog(const Actor& actor, const std::vector<DutyRule>& rules,
                                            const std::string& revision) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改职责目录"));
  if (rules.size() > 10000) return Status::InvalidArgument("职责目录最多 10000 条规则");
  std::lock_guard<std::mutex> lock(reference_mu);
  auto dir = directory();
  std::set<std::string> unit_types;
  for (const Unit& u : dir->units) unit_types.insert(u.unit_type);
  std::set<std::tuple<std::string, std::string, int, std::string>> seen;
  for (size_t i = 0; i < rules.size(); ++i) {
    const DutyRule& r = rules[i];
    const std::string at = "第 " + std::to_string(i + 1) + " 条：";
    if (!dir->FindCategory(r.category_code)) {
      return Status::InvalidArgument(at + "分类不存在：" + r.category_code);
    }
    if (!unit_types.count(r.unit_type)) {
      return Status::InvalidArgument(at + "没有这种类型的承办单位：" + r.unit_type);
    }
    if (!IsValidUtf8(r.keywords) || r.keywords.size() > 200) {
      return Status::InvalidArgument(at + "关键词不能超过 200 字节");
    }
    if (!seen.insert({r.category_code, r.unit_type, static_cast<int>(r.region_level), r.keywords})
             .second) {
      return Status::InvalidArgument(at + "与前面的规则重复");
    }
  }
  LX_ASSIGN_OR_RETURN(std::vector<DutyRule> current, store_.ListDutyRules());
  if (revision != Revision(current)) {
    return Status::Aborted("职责目录已被他人修改，请刷新后重试");
  }
  store::ReferenceEdit edit;
  edit.duty_rules = rules;
  LX_RETURN_IF_ERROR(ApplyAndReload(*this, actor, edit, "duty_rules", "", Missing(current, rules),
                                    Missing(rules, current)));
  return DutyCatalog{rules, Revision(rules)};
}

Result<std::vector<store::ReferenceChange>> Service::ListReferenceChanges(const Actor& actor,
                                                                          int limit) {
  if (actor.citizen || (actor.role != Role::kAdmin && actor.role != Role::kSupervisor)) {
    return Status::PermissionDenied("无权查看基础数据的修改记录");
  }
  return store_.ListReferenceChanges(std::clamp(limit, 1, 1000));
}

}  // namespace lianxin::service
