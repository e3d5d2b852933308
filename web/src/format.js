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
