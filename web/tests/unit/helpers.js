// Test helpers: a fake of the lianxin HTTP API on top of a stubbed fetch, and settling.
import { vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

export const REGIONS = [
  { code: 'XD', name: '西地省', parent: '', level: 'province' },
  { code: 'XD.A', name: 'A市', parent: 'XD', level: 'city' },
  { code: 'XD.A.A1', name: 'A1区', parent: 'XD.A', level: 'district' },
  { code: 'XD.A.A3', name: 'A3区', parent: 'XD.A', level: 'district' },
  { code: 'XD.B', name: 'B市', parent: 'XD', level: 'city' },
]

export const CATEGORIES = [
  { code: '01', name: '城乡建设', parent: '', level: 1 },
  { code: '01.02', name: '市政设施', parent: '01', level: 2 },
  { code: '01.02.003', name: '路灯照明', parent: '01.02', level: 3 },
]

// handlers: { 'POST /api/public/tickets': (body, init) => [status, json] | [status, json] }
export function fakeApi(handlers = {}) {
  const calls = []
  const all = {
    'GET /api/regions': [200, { items: REGIONS }],
    'GET /api/categories': [200, { items: CATEGORIES }],
    ...handlers,
  }
  const fetchMock = vi.fn(async (url, init = {}) => {
    const u = new URL(url, 'http://localhost')
    const key = `${init.method || 'GET'} ${u.pathname}`
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
    calls.push({ key, body, headers: init.headers || {}, query: Object.fromEntries(u.searchParams) })
    const h = all[key]
    const [status, json] = !h
      ? [404, { error: { code: 'not_found', message: `没有这个接口：${key}` } }]
      : typeof h === 'function'
        ? h(body, init)
        : h
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, posts: () => calls.filter((c) => c.key.startsWith('POST')) }
}

// Lets fetches, validation and Element Plus's debounced error display (100 ms) finish.
export async function settle(rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

export const errorsOf = (wrapper) => wrapper.findAll('.el-form-item__error').map((e) => e.text())
