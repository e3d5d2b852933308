// The only way the UI talks to lianxin: JSON over the HTTP API (docs/http_api.md).
// Errors arrive as {"error":{"code","message"}} with a Chinese message meant for the user;
// ApiError carries it. A 401 on a signed-in call means the session expired: the handler
// registered with onSessionExpired (the router) sends the user back to the login page.
import { session, clearSession } from './session.js'

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

let expiredHandler = null
export function onSessionExpired(fn) {
  expiredHandler = fn
}

function query(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

// `as: 'text'` returns the body as text (the server-drawn report pages) instead of JSON;
// `raw` (a Blob/File) is sent as is with `contentType` instead of a JSON body (photos).
export async function request(method, path, { body, params, auth = true, as = 'json', raw, contentType } = {}) {
  const headers = { Accept: as === 'text' ? 'text/html' : 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (raw !== undefined) headers['Content-Type'] = contentType || 'application/octet-stream'
  const sentToken = auth ? session.token : ''
  if (sentToken) headers.Authorization = `Bearer ${sentToken}`
  let res
  try {
    res = await fetch(path + query(params), {
      method,
      headers,
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }
  const text = await res.text()
  let data = null
  if (text && !(res.ok && as === 'text')) {
    try {
      data = JSON.parse(text)
    } catch (e) {
      data = null
    }
  }
  if (!res.ok) {
    const err = new ApiError(
      res.status,
      data?.error?.code || `http_${res.status}`,
      data?.error?.message || `请求失败（HTTP ${res.status}），请稍后重试`,
    )
    // Only the current session can expire: a late answer to a request made with an older
    // token (before signing in again) must not sign the user out.
    if (res.status === 401 && sentToken && sentToken === session.token) {
      clearSession()
      if (expiredHandler) expiredHandler(err)
    }
    throw err
  }
  return as === 'text' ? text : data
}

// A unit code ("XD.A.A3/zjj") as path segments, each escaped.
const unitPath = (code) => code.split('/').map(encodeURIComponent).join('/')

async function blobUrl(path) {
  let res
  try {
    res = await fetch(path, { headers: session.token ? { Authorization: `Bearer ${session.token}` } : {} })
  } catch (e) {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }
  if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, `附件加载失败（HTTP ${res.status}）`)
  return URL.createObjectURL(await res.blob())
}

const get = (path, params, opts = {}) => request('GET', path, { params, ...opts })
const post = (path, body, opts = {}) => request('POST', path, { body: body ?? {}, ...opts })

export const api = {
  // Sign-in
  login: (username, password) => post('/api/auth/login', { username, password }, { auth: false }),
  me: () => get('/api/auth/me'),
  logout: () => post('/api/auth/logout'),

  // The public portal (no account)
  submitPublic: (ticket) => post('/api/public/tickets', ticket, { auth: false }),
  track: (number, code) =>
    get(`/api/public/tickets/${encodeURIComponent(number)}`, { code }, { auth: false }),
  // The citizen's own 回访 (confirm: resolved? satisfied?) and 重办 request.
  revisitPublic: (number, body) =>
    post(`/api/public/tickets/${encodeURIComponent(number)}/revisit`, body, { auth: false }),
  reopenPublic: (number, code, reason) =>
    post(`/api/public/tickets/${encodeURIComponent(number)}/reopen`, { code, reason }, { auth: false }),

  // Reference data
  regions: () => get('/api/regions', null, { auth: false }),
  units: (params) => get('/api/units', params, { auth: false }),
  categories: () => get('/api/categories', null, { auth: false }),

  // Tickets (staff)
  createTicket: (ticket) => post('/api/tickets', ticket),
  listTickets: (params) => get('/api/tickets', params),
  ticket: (id) => get(`/api/tickets/${id}`),
  events: (id) => get(`/api/tickets/${id}/events`),
  dispatch: (id, unit_code, reason) => post(`/api/tickets/${id}/dispatch`, { unit_code, reason }),
  accept: (id) => post(`/api/tickets/${id}/accept`, {}),
  reply: (id, content) => post(`/api/tickets/${id}/reply`, { content }),
  resolve: (id, content) => post(`/api/tickets/${id}/resolve`, content ? { content } : {}),
  // Any workflow action by name (docs/http_api.md, "Actions"): return_request,
  // extension_approve, revisit, merge, ... Answers the ticket with allowed_actions.
  action: (id, name, body) => post(`/api/tickets/${id}/${encodeURIComponent(name)}`, body ?? {}),

  // The dispatch agent: a routing suggestion as the call-taker types, the queue of
  // tickets it left to people (each with its suggestion), and its figures.
  dispatchPreview: (title, body, region) => post('/api/dispatch/preview', region ? { title, body, region } : { title, body }),
  dispatchQueue: (params) => get('/api/dispatch/queue', params),
  dispatchStats: (params) => get('/api/dispatch/stats', params),

  // The leaders' dashboard: volumes per day, level-1 category, sub-region, status.
  dashboardSummary: (params) => get('/api/dashboard/summary', params),

  // 督办清单 (docs/http_api.md, "Supervision lists"): the size of each list the caller may
  // read, and one list (overdue, due_soon, escalated, extensions, returns, revisits,
  // reopened) of tickets with remaining_seconds and overdue, ordered by the server.
  supervisionCounts: (params) => get('/api/supervision', params),
  supervisionList: (list, params) => get(`/api/supervision/${encodeURIComponent(list)}`, params),

  // 三率 evaluation (docs/http_api.md, "Evaluation"); from/to are YYYYMMDD, both inclusive.
  // The ranking comes in tiers (one per unit type and region level), never one mixed list.
  evaluationRanking: (params) => get('/api/evaluation/ranking', params),
  evaluationRates: (params) => get('/api/evaluation/rates', params),
  evaluationUnit: (code, params) => get(`/api/evaluation/units/${unitPath(code)}`, params),

  // Open data for the portal's 数据公开 page (anonymous; from/to as 2026-11-29).
  openDataStats: (params) => get('/api/open-data/stats', params, { auth: false }),
  openDataRankings: (params) => get('/api/open-data/rankings', params, { auth: false }),

  // Hot topics, alerts and governance items (issue 6; docs/http_api.md), each {items: [...]}.
  hotTopics: (params) => get('/api/insight/hotspots', params),
  alerts: (params) => get('/api/insight/alerts', params),
  governance: (params) => get('/api/governance/items', params),
  // ---- governance and integration screens (issues 6, 8) ----
  hotTopic: (id, params) => get(`/api/insight/hotspots/${id}`, params),
  alert: (id) => get(`/api/insight/alerts/${id}`),
  ackAlert: (id, note) => post(`/api/insight/alerts/${id}/ack`, note ? { note } : {}),
  assignAlert: (id, unit_code, note) => post(`/api/insight/alerts/${id}/assign`, note ? { unit_code, note } : { unit_code }),
  repeats: (params) => get('/api/insight/repeats', params),
  governanceItem: (id) => get(`/api/governance/items/${id}`),
  createGovernance: (item) => post('/api/governance/items', item),
  governanceProgress: (id, body) => post(`/api/governance/items/${id}/progress`, body),
  addGovernanceTask: (id, task) => post(`/api/governance/items/${id}/tasks`, task),
  updateGovernanceTask: (id, task, body) => post(`/api/governance/items/${id}/tasks/${task}`, body),
  linkGovernanceTickets: (id, ticket_ids) => post(`/api/governance/items/${id}/tickets`, { ticket_ids }),
  // kind: weekly | monthly → the report as an HTML page (text).
  report: (kind, params) => get(`/api/reports/${encodeURIComponent(kind)}`, params, { as: 'text' }),
  integrations: () => get('/api/integrations'),
  putIntegration: (body) => post('/api/integrations', body),
  retryIntegration: (unit) => post(`/api/integrations/${unitPath(unit)}/retry`),
  // ---- end governance and integration screens ----
  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
  dutyCatalog: (params) => get('/api/duty-catalog', params),
  slaPolicies: (params) => get('/api/sla/policies', params),
  putRegion: (region) => post('/api/regions', region),
  putUnit: (unit) => post('/api/units', unit),
  putCategory: (category) => post('/api/categories', category),
  putDutyCatalog: (rules, revision) => post('/api/duty-catalog', { rules, revision }),
  referenceChanges: (limit = 100) => get('/api/reference/changes', { limit }),
  putSlaRules: (rules) => post('/api/sla/policies', { rules }),
  putCalendarDay: (day) => post('/api/sla/calendar', day),
  removeCalendarDay: (date) => post(`/api/sla/calendar/${encodeURIComponent(date)}/remove`),
  // ---- end reference data editing ----

  // ---- the AI seat and the knowledge base (issue 5; docs/http_api.md "The AI seat") ----
  // The portal asks anonymously; a signed-in call-taker's question is logged as staff.
  assistAnswer: (question, region, opts = {}) =>
    post('/api/assist/answer', region ? { question, region } : { question }, opts),
  assistSuggest: (params) => get('/api/assist/suggest', params),
  assistMetrics: (params) => get('/api/assist/metrics', params),
  kbEntries: (params) => get('/api/kb/entries', params),
  kbEntry: (id) => get(`/api/kb/entries/${id}`),
  kbCreate: (entry) => post('/api/kb/entries', entry),
  kbEdit: (id, entry) => post(`/api/kb/entries/${id}/versions`, entry),
  kbPublish: (id, version) => post(`/api/kb/entries/${id}/publish`, { version }),
  kbRetire: (id) => post(`/api/kb/entries/${id}/retire`),
  kbGaps: (params) => get('/api/kb/gaps', params),
  // ---- end the AI seat and the knowledge base ----

  // ---- citizens' photos (issue 7 item 8) ----
  // The raw image as the body; authorised by the query code only.
  uploadPublicPhoto: (number, code, file) =>
    request('POST', `/api/public/tickets/${encodeURIComponent(number)}/photos`, {
      params: { code },
      raw: file,
      contentType: file.type,
      auth: false,
    }),
  ticketAttachments: (id) => get(`/api/tickets/${id}/attachments`),
  // An attachment's bytes as an object URL (an <img> cannot send the bearer token);
  // the caller revokes it with URL.revokeObjectURL.
  attachmentUrl: (id, aid) => blobUrl(`/api/tickets/${id}/attachments/${aid}`),
  // ---- end citizens' photos ----

  // Administration
  users: () => get('/api/users'),
  createUser: (user) => post('/api/users', user),
  accessLog: (limit = 100) => get('/api/access-log', { limit }),
}
