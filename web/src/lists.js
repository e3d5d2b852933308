// Ticket lists the work screens share, built from GET /api/tickets (scoped by the server:
// unit handlers get their unit's only).
import { api } from './api.js'

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
