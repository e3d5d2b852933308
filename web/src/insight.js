// The governance screens' pure parts (issues 6, 8): list queries built from the filters,
// labels of the states the API sends, the day series behind the small trend charts, and
// the form checks that mirror the server's (service/governance.cc, service/integration.cc).
// The server stays the authority: its Chinese message is shown as is.
import { cstDay, periodRange } from './dashboard.js'
import { compact } from './validate.js'

export const ALERT_STATES = [
  { value: 'new', label: '新预警' },
  { value: 'acknowledged', label: '已确认' },
  { value: 'assigned', label: '已交办' },
  { value: 'closed', label: '已关闭' },
]
export const ALERT_KINDS = [
  { value: 'count', label: '数量异常' },
  { value: 'risky_word', label: '风险词' },
]
export const ITEM_STATES = [
  { value: 'open', label: '待办' },
  { value: 'in_progress', label: '办理中' },
  { value: 'done', label: '已完成' },
  { value: 'closed', label: '已关闭' },
]
export const TASK_STATES = [
  { value: 'todo', label: '待办' },
  { value: 'doing', label: '进行中' },
  { value: 'done', label: '已完成' },
]
export const REPEAT_KINDS = [
  { value: 'same_person', label: '同一人重复诉求' },
  { value: 'same_place_and_matter', label: '同地同事项重复诉求' },
]
// The events a unit's system may subscribe to (service/integration.h kIntegrationEvents).
export const INTEGRATION_EVENTS = [
  { value: 'dispatched', label: '派单' },
  { value: 'reminder', label: '催办' },
  { value: 'escalation', label: '督办' },
  { value: 'reopened', label: '重办' },
]

const labelIn = (list) => (value) => list.find((x) => x.value === value)?.label || value || ''
export const taskStateLabel = labelIn(TASK_STATES)
export const eventLabel = labelIn(INTEGRATION_EVENTS)

export function stateType(state) {
  switch (state) {
    case 'new':
    case 'open':
    case 'todo':
      return 'danger'
    case 'acknowledged':
    case 'in_progress':
    case 'doing':
      return 'warning'
    case 'assigned':
    case 'done':
      return 'success'
    default:
      return 'info'
  }
}

// The hot-topic list query: region and category prefixes, the period as the dashboard's
// (topics whose span overlaps it), a page, and `tickets` example tickets per topic.
export function hotspotQuery({ region = '', category = '', period = 'all', page = 1, pageSize = 20, tickets = 3 } = {}, now = Date.now()) {
  return compact({ region, category, ...periodRange(period, now), limit: pageSize, offset: (page - 1) * pageSize, tickets })
}

// Topics in the order asked: 'heat' keeps the server's (hottest first); 'growth' sorts the
// loaded page by growth, then heat.
export function sortTopics(items, by) {
  if (by !== 'growth') return items
  return [...items].sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0) || (b.heat ?? 0) - (a.heat ?? 0))
}

// The growth (last 7 days ÷ the 7 before + 1) in words, with an arrow for its direction.
export function trendText(growth) {
  if (typeof growth !== 'number' || Number.isNaN(growth)) return '—'
  const g = Math.round(growth * 10) / 10
  if (growth > 1.05) return `↑ ${g} 倍`
  if (growth < 0.95) return `↓ ${g} 倍`
  return `→ 持平`
}

export function alertQuery({ state = '', kind = '', region = '', category = '', page = 1, pageSize = 20 } = {}) {
  return compact({ state, kind, region, category, limit: pageSize, offset: (page - 1) * pageSize })
}

export function governanceQuery({ state = '', unit = '', page = 1, pageSize = 20 } = {}) {
  return compact({ state, unit, limit: pageSize, offset: (page - 1) * pageSize })
}

export function repeatQuery({ kind = '', period = 'all', page = 1, pageSize = 20 } = {}, now = Date.now()) {
  return compact({ kind, ...periodRange(period, now), limit: pageSize, offset: (page - 1) * pageSize })
}

// Tickets per CST day from the first to the last day any of them was created, gaps as 0:
// [{day: "2026-11-29", count}] (what dashboard.trendOption draws). `pad` days before the
// first and after the last are added (with their count, 0), so a one-day topic still
// draws a line.
export function perDay(tickets, { pad = 0 } = {}) {
  const counts = new Map()
  for (const t of tickets) {
    const ms = Date.parse(t.created_at || '')
    if (Number.isNaN(ms)) continue
    const day = cstDay(ms)
    counts.set(day, (counts.get(day) || 0) + 1)
  }
  if (!counts.size) return []
  const days = [...counts.keys()].sort()
  const out = []
  const first = Date.parse(`${days[0]}T00:00:00+08:00`) - pad * 86400000
  const end = Date.parse(`${days[days.length - 1]}T00:00:00+08:00`) + pad * 86400000
  for (let ms = first; ms <= end; ms += 86400000) {
    const day = cstDay(ms)
    out.push({ day, count: counts.get(day) || 0 })
  }
  return out
}

// An alert's day as the API sends it ("20261202") → "2026-12-02" (already dashed: kept).
export function dayText(day) {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(String(day ?? ''))
  return m ? `${m[1]}-${m[2]}-${m[3]}` : String(day ?? '')
}

// The dashboard-summary query for a count alert's series: its region × category, the
// `weeks` weeks before its day and the day itself.
export function alertSeriesQuery(alert, weeks = 4) {
  const day = Date.parse(`${dayText(alert.day)}T00:00:00+08:00`)
  if (Number.isNaN(day)) return null
  return compact({ region: alert.region, category: alert.category, from: cstDay(day - weeks * 7 * 86400000), to: cstDay(day + 86400000) })
}

// The governance item's weekly volume as a trend series (week starts as days).
export function volumeSeries(volume) {
  return (volume?.weeks || []).map((w) => ({ day: (w.start || '').slice(0, 10), count: w.count }))
}

const positiveInt = (v) => /^\d{1,18}$/.test(String(v ?? '').trim()) && Number(v) > 0

// "2026-12-31" (a date picker's value) → the end of that CST day; '' stays ''.
export function deadlineIso(day) {
  return /^\d{4}-\d{2}-\d{2}$/.test(day || '') ? `${day}T23:59:59+08:00` : ''
}

// A new governance item: {body} ready to POST, or {problem} in Chinese.
export function governancePayload(form, now = Date.now()) {
  if (!['hotspot', 'alert'].includes(form.source_kind)) return { problem: '请选择来源：热点或预警' }
  if (!positiveInt(form.source_id)) return { problem: '请填写来源编号（正整数）' }
  if (!(form.lead_unit || '').trim()) return { problem: '请指定牵头单位' }
  const deadline = deadlineIso(form.deadline)
  if (form.deadline && !deadline) return { problem: '办理期限格式不正确' }
  if (deadline && Date.parse(deadline) <= now) return { problem: '办理期限应晚于现在' }
  if ([...(form.title || '')].length > 200) return { problem: '标题不能超过 200 字' }
  const tasks = (form.tasks || []).filter((t) => (t.title || '').trim() || (t.unit_code || '').trim())
  for (const t of tasks) {
    if (!(t.title || '').trim()) return { problem: '任务内容不能为空' }
    if (!(t.unit_code || '').trim()) return { problem: `任务“${t.title.trim()}”请指定承办单位` }
  }
  const body = compact({
    source_kind: form.source_kind,
    source_id: Number(form.source_id),
    lead_unit: form.lead_unit.trim(),
    title: form.title,
    description: form.description,
    deadline,
  })
  const assist = (form.assist_units || []).filter((u) => u && u !== body.lead_unit)
  if (assist.length) body.assist_units = assist
  if (tasks.length) body.tasks = tasks.map((t) => compact({ unit_code: t.unit_code.trim(), title: t.title.trim(), deadline: deadlineIso(t.deadline) }))
  if (form.tickets?.length) body.tickets = form.tickets
  return { body }
}

// A new task of an item: {body} or {problem}.
export function taskPayload(form) {
  if (!(form.title || '').trim()) return { problem: '请填写任务内容' }
  if (!(form.unit_code || '').trim()) return { problem: '请指定承办单位' }
  return { body: compact({ unit_code: form.unit_code.trim(), title: form.title.trim(), deadline: deadlineIso(form.deadline) }) }
}

// "12, XD-20261129-000001 15" → {ids: [12, 15], numbers: ['XD-20261129-000001'], bad: []}.
export function parseTicketRefs(text) {
  const out = { ids: [], numbers: [], bad: [] }
  for (const piece of (text || '').split(/[\s,，、;；]+/).filter(Boolean)) {
    if (/^\d{1,18}$/.test(piece) && Number(piece) > 0) out.ids.push(Number(piece))
    else if (/^[A-Z]{1,8}-\d{8}-\d{1,9}$/i.test(piece)) out.numbers.push(piece.toUpperCase())
    else out.bad.push(piece)
  }
  return out
}

// A unit's system to register: {body} or {problem}; mirrors ParseWebhookUrl (http:// or
// https://, host, optional port 1–65535, printable path).
export function integrationPayload(form) {
  const unit = (form.unit_code || '').trim()
  if (!unit) return { problem: '请选择对接单位' }
  const url = (form.url || '').trim()
  const m = /^https?:\/\/([^/\s@?#:]+)(?::(\d{1,5}))?(\/[\x21-\x7e]*)?$/.exec(url)
  if (!m) return { problem: '回调地址应形如 http:// 或 https://主机[:端口]/路径' }
  if (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return { problem: '回调地址的端口应为 1–65535' }
  const events = (form.events || []).filter((e) => INTEGRATION_EVENTS.some((x) => x.value === e))
  if (!events.length) return { problem: '请至少选择一个推送事件' }
  return { body: { unit_code: unit, url, events, active: form.active !== false } }
}
