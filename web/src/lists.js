// Ticket lists the work screens share, built from GET /api/tickets (scoped by the server:
// unit handlers get their unit's only).
import { api } from './api.js'
import { cstDay } from './dashboard.js'

// Statuses in which a ticket is still being worked on and has a deadline running.
export const OPEN_STATUSES = ['received', 'dispatched', 'accepted', 'in_progress', 'return_requested', 'extension_requested', 'reopened']

// The tickets in any of `statuses`, at most `limit` per status (the API's maximum is 500),
// ordered by deadline (soonest first; none last). `truncated` tells whether a status had more.
export async function listByStatuses(statuses, { limit = 500, ...params } = {}) {
  const pages = await Promise.all(statuses.map((status) => api.listTickets({ ...params, status, limit })))
  const items = pages.flatMap((p) => p.items)
  const truncated = pages.some((p) => p.total > p.items.length)
  return { items: byDeadline(items), truncated }
}

export function byDeadline(items) {
  const key = (t) => (t.due_at ? Date.parse(t.due_at) : Number.POSITIVE_INFINITY)
  return [...items].sort((a, b) => key(a) - key(b))
}

// The ticket whose number is `number` ("XD-20261202-000008"), or null. The API has no
// lookup by number, and its text search does not index numbers, so this lists the tickets
// created on the day the number names (CST), at most `maxPages` pages of 500.
export async function findTicketByNumber(number, { maxPages = 4 } = {}) {
  const m = /^[A-Z]+-(\d{4})(\d{2})(\d{2})-\d+$/.exec(number || '')
  if (!m) return null
  const from = Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00+08:00`)
  if (Number.isNaN(from)) return null
  for (let page = 0; page < maxPages; page++) {
    const r = await api.listTickets({ from: cstDay(from), to: cstDay(from + 86400000), limit: 500, offset: page * 500 })
    const found = (r.items || []).find((t) => t.number === number)
    if (found) return found
    if ((page + 1) * 500 >= (r.total ?? 0)) break
  }
  return null
}
