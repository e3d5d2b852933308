// Editing reference data, SLA policies and the calendar (issue 7 item 7): the labels and
// the checks the forms make before a round trip. They mirror the server's
// (service/reference_admin.cc, sla_admin.cc); the server stays the authority and its
// message is shown as is.
export const REGION_LEVELS = [
  { value: 'province', label: '省级' },
  { value: 'city', label: '市级' },
  { value: 'district', label: '区县级' },
  { value: 'street', label: '街道乡镇级' },
  { value: 'community', label: '社区村级' },
]
export const levelLabel = (v) => REGION_LEVELS.find((l) => l.value === v)?.label || v

export const SLA_RULES = [
  { value: 'deadline', label: '办理期限' },
  { value: 'extension', label: '延期上限' },
  { value: 'arbitration', label: '退单仲裁时限' },
]
export const SLA_UNITS = [
  { value: 'hours', label: '小时' },
  { value: 'days', label: '自然日' },
  { value: 'working_hours', label: '工作小时' },
  { value: 'working_days', label: '工作日' },
]
export const DAY_TYPES = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '调休上班' },
]
export const APPLIES_NOTE = '修改只影响此后计算的办理时限，已派单工单的时限不变。'

const chars = (s) => Array.from(s || '').length

// Each returns a list of zh-CN problems ([] when fine).
export function unitProblems(u) {
  const out = []
  if (!u.region) out.push('请选择所属区域')
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(u.unit_type || '')) out.push('单位类型应为小写字母开头的小写字母、数字或下划线，如 zjj')
  if (!(u.name || '').trim()) out.push('请填写单位名称')
  else if (chars(u.name) > 100) out.push('单位名称不能超过 100 个字')
  return out
}

export function treeItemProblems(kind, item, { isNew }) {
  const out = []
  if (isNew) {
    const seg = kind === 'region' ? /^[A-Za-z0-9]{1,16}$/ : /^[0-9]{1,4}$/
    if (!seg.test(item.segment || '')) {
      out.push(kind === 'region' ? '编码末段应为 1–16 位字母或数字' : '编码末段应为 1–4 位数字')
    }
    if (kind === 'region' && !item.parent) out.push('请选择上级区域')
    if (kind === 'category' && item.level > 3) out.push('分类最多三级')
  }
  if (!(item.name || '').trim()) out.push('请填写名称')
  else if (chars(item.name) > 50) out.push('名称不能超过 50 个字')
  return out
}

export function dutyRuleProblems(r) {
  const out = []
  if (!r.category_code) out.push('请选择分类')
  if (!r.unit_type) out.push('请选择承办单位类型')
  if (!REGION_LEVELS.some((l) => l.value === r.region_level)) out.push('请选择属地层级')
  if (new TextEncoder().encode(r.keywords || '').length > 200) out.push('关键词不能超过 200 字节')
  return out
}

export function slaRuleProblems(r) {
  const out = []
  if (!Number.isInteger(r.amount) || r.amount < 1 || r.amount > 10000) out.push('时长应为 1 到 10000 的整数')
  if (!SLA_UNITS.some((u) => u.value === r.unit)) out.push('请选择时长单位')
  for (const [field, label] of [['category', '分类前缀'], ['region', '属地前缀']]) {
    if (r[field] !== '*' && !/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/.test(r[field] || '')) out.push(`${label}应为代码前缀或 *`)
  }
  if (chars(r.note) > 200) out.push('说明不能超过 200 个字')
  return out
}

export function calendarDayProblems(d) {
  const out = []
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date || '') || Number.isNaN(Date.parse(`${d.date}T00:00:00Z`))) out.push('请选择日期')
  if (!DAY_TYPES.some((t) => t.value === d.type)) out.push('请选择放假或调休上班')
  if (chars(d.note) > 50) out.push('说明不能超过 50 个字')
  return out
}

// Options for a native <select> over a code tree, indented by depth ({value, label}).
export function indentedOptions(items) {
  const depth = new Map()
  const byCode = new Map(items.map((i) => [i.code, i]))
  const d = (i) => {
    if (depth.has(i.code)) return depth.get(i.code)
    const p = i.parent ? byCode.get(i.parent) : null
    const v = p ? d(p) + 1 : 0
    depth.set(i.code, v)
    return v
  }
  return [...items]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((i) => ({ value: i.code, label: `${'　'.repeat(d(i))}${i.name}（${i.code}）` }))
}
