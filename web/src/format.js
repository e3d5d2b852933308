// Labels and formatting shared by the screens. Status and kind labels mirror core/ticket.cc;
// the API also sends *_label fields, which the screens prefer when present.

export const STATUSES = [
  { value: 'received', label: '已受理' },
  { value: 'resolved_at_intake', label: '直接办结' },
  { value: 'dispatched', label: '已派单' },
  { value: 'accepted', label: '已签收' },
  { value: 'in_progress', label: '办理中' },
  { value: 'return_requested', label: '退单待审' },
  { value: 'extension_requested', label: '延期待批' },
  { value: 'resolved', label: '已办结' },
  { value: 'revisited', label: '已回访' },
  { value: 'reopened', label: '重办' },
  { value: 'merged', label: '已并单' },
  { value: 'archived', label: '已归档' },
]

export const KINDS = [
  { value: 'consultation', label: '咨询' },
  { value: 'help', label: '求助' },
  { value: 'complaint', label: '投诉' },
  { value: 'report', label: '举报' },
  { value: 'suggestion', label: '建议' },
  { value: 'praise', label: '表扬' },
]

export const URGENCIES = [
  { value: 'normal', label: '一般' },
  { value: 'urgent', label: '紧急' },
  { value: 'critical', label: '特急' },
]

export const ROLE_LABELS = {
  call_taker: '话务员',
  dispatcher: '派单员',
  unit_handler: '承办人',
  supervisor: '督办员',
  analyst: '分析员',
  admin: '管理员',
  citizen: '群众',
  system: '系统',
}

const CLOSED = new Set(['resolved', 'revisited', 'archived', 'resolved_at_intake', 'merged'])
export const isClosed = (status) => CLOSED.has(status)

// Element Plus tag type for a status.
export function statusType(status) {
  switch (status) {
    case 'received':
    case 'reopened':
      return 'warning'
    case 'dispatched':
    case 'accepted':
    case 'in_progress':
      return 'primary'
    case 'return_requested':
    case 'extension_requested':
      return 'danger'
    case 'resolved':
    case 'resolved_at_intake':
    case 'revisited':
      return 'success'
    default:
      return 'info'
  }
}

export function urgencyType(urgency) {
  return urgency === 'critical' ? 'danger' : urgency === 'urgent' ? 'warning' : 'info'
}

// "2026-11-29T16:38:05+08:00" → "2026-11-29 16:38" (times are already China Standard Time).
export function formatTime(iso, { seconds = false } = {}) {
  if (!iso) return '—'
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso)
  if (!m) return iso
  return `${m[1]} ${m[2]}${seconds && m[3] ? m[3] : ''}`
}

// Time left until a deadline, as words: "剩余 2天3小时", "剩余 45分钟", "已超期 5小时".
export function timeLeft(dueIso, now = Date.now()) {
  if (!dueIso) return null
  const due = Date.parse(dueIso)
  if (Number.isNaN(due)) return null
  let ms = due - now
  const overdue = ms < 0
  ms = Math.abs(ms)
  const mins = Math.floor(ms / 60000)
  const days = Math.floor(mins / 1440)
  const hours = Math.floor((mins % 1440) / 60)
  const minutes = mins % 60
  let text
  if (days > 0) text = `${days}天${hours}小时`
  else if (hours > 0) text = `${hours}小时${minutes}分钟`
  else text = `${minutes}分钟`
  return { overdue, text: overdue ? `已超期 ${text}` : `剩余 ${text}`, ms: due - now }
}

export function roleLabel(role) {
  return ROLE_LABELS[role] || role || ''
}

// 0.873 → "87%"; "—" when not a number.
export function percent(x) {
  return typeof x === 'number' && !Number.isNaN(x) ? `${Math.round(x * 100)}%` : '—'
}

// Workflow actions: label and what the form asks (see docs/http_api.md, "Actions").
// Field kinds: text (textarea), select (options), datetime, ticket (a parent id), unit,
// bool, satisfaction. `required` fields must be filled before the request is sent.
export const RETURN_REASONS = ['职能不符', '属地不符', '权属不清']
export const SATISFACTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
]
export const ACTIONS = {
  contact: { label: '联系群众', fields: [{ key: 'content', label: '联系记录（时间、方式、结果）', kind: 'text', required: true }] },
  return_request: {
    label: '申请退单',
    fields: [
      { key: 'reason', label: '退单理由', kind: 'select', options: RETURN_REASONS, required: true },
      { key: 'content', label: '依据与说明', kind: 'text', required: true },
    ],
  },
  return_approve: { label: '同意退单并改派', fields: [{ key: 'unit_code', label: '改派至', kind: 'unit', required: true }] },
  return_reject: { label: '驳回退单', fields: [{ key: 'reason', label: '驳回理由', kind: 'text', required: true }] },
  redispatch: {
    label: '改派',
    fields: [
      { key: 'unit_code', label: '改派至', kind: 'unit', required: true },
      { key: 'reason', label: '改派理由', kind: 'text', required: true },
    ],
  },
  extension_request: {
    label: '申请延期',
    fields: [
      { key: 'reason', label: '延期理由', kind: 'text', required: true },
      { key: 'due_at', label: '申请延至', kind: 'datetime', required: true },
    ],
  },
  extension_approve: { label: '批准延期', fields: [{ key: 'reason', label: '审批意见（选填）', kind: 'text' }] },
  extension_refuse: { label: '不予延期', fields: [{ key: 'reason', label: '不予延期的理由', kind: 'text', required: true }] },
  assist_reply: { label: '协办答复', fields: [{ key: 'content', label: '协办意见', kind: 'text', required: true }] },
  revisit: {
    label: '回访',
    fields: [
      { key: 'resolved', label: '问题是否已解决', kind: 'bool', required: true },
      { key: 'satisfaction', label: '满意度', kind: 'satisfaction', required: true },
      { key: 'content', label: '回访记录（选填）', kind: 'text' },
    ],
  },
  reopen: { label: '重办', fields: [{ key: 'reason', label: '重办理由', kind: 'text', required: true }] },
  merge: { label: '并单', fields: [{ key: 'parent_id', label: '并入的主工单 ID', kind: 'ticket', required: true }] },
  reminder: { label: '催办', fields: [{ key: 'reason', label: '催办说明（选填）', kind: 'text' }] },
  escalation: { label: '督办', fields: [{ key: 'reason', label: '督办要求', kind: 'text', required: true }] },
  archive: { label: '归档', fields: [] },
  resolve_at_intake: { label: '直接办结', fields: [{ key: 'content', label: '解答内容', kind: 'text', required: true }] },
  note: { label: '备注', fields: [{ key: 'content', label: '备注内容', kind: 'text', required: true }] },
}

// An ISO time → the CST "2026-12-01T09:30" an <input type="datetime-local"> holds.
export function isoToLocal(iso) {
  const t = Date.parse(iso || '')
  return Number.isNaN(t) ? '' : new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 16)
}

// "2026-12-01T09:30" (an <input type="datetime-local"> value, CST) → "2026-12-01T09:30:00+08:00".
export function localToIso(v) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v || '') ? `${v}:00+08:00` : ''
}
