// The small shared modules: reference-data trees, formatting, validation, the API client.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { buildTree, pathTo } from '../../src/reference.js'
import { formatTime, timeLeft } from '../../src/format.js'
import { phoneProblem, titleFromBody } from '../../src/validate.js'
import { api, onSessionExpired, ApiError } from '../../src/api.js'
import { session, setSession } from '../../src/session.js'
import { can } from '../../src/roles.js'
import { REGIONS, fakeApi } from './helpers.js'

afterEach(() => vi.unstubAllGlobals())

describe('reference trees', () => {
  it('nests regions and finds the cascader path of a code', () => {
    const tree = buildTree(REGIONS)
    expect(tree).toHaveLength(1)
    expect(tree[0].children.map((c) => c.label)).toEqual(['A市', 'B市'])
    expect(pathTo(REGIONS, 'XD.A.A3')).toEqual(['XD', 'XD.A', 'XD.A.A3'])
    expect(pathTo(REGIONS, 'XD.A.A3', { skipSingleRoot: true })).toEqual(['XD.A', 'XD.A.A3'])
    expect(pathTo(REGIONS, '')).toEqual([])
  })
})

describe('format and validate', () => {
  it('formats API times and deadlines', () => {
    expect(formatTime('2026-11-29T16:38:05+08:00')).toBe('2026-11-29 16:38')
    expect(formatTime(null)).toBe('—')
    const now = Date.parse('2026-11-29T10:00:00+08:00')
    expect(timeLeft('2026-12-01T13:00:00+08:00', now)).toMatchObject({ overdue: false, text: '剩余 2天3小时' })
    expect(timeLeft('2026-11-29T05:00:00+08:00', now)).toMatchObject({ overdue: true, text: '已超期 5小时0分钟' })
  })

  it('checks phones like the server and derives titles', () => {
    expect(phoneProblem('13800138000')).toBe('')
    expect(phoneProblem('+86 731-1234567')).toBe('')
    expect(phoneProblem('')).toBe('请填写联系电话')
    expect(phoneProblem('', { required: false })).toBe('')
    expect(phoneProblem('1234')).toBe('联系电话长度不正确')
    expect(titleFromBody('停水了！两天没水')).toBe('停水了')
    expect(Array.from(titleFromBody('很'.repeat(50)))).toHaveLength(31)
  })

  it('shows actions only to the roles that may take them', () => {
    const t = { status: 'dispatched', owner_unit: 'XD.A.A3/zjj' }
    expect(can.accept({ role: 'unit_handler', unit_code: 'XD.A.A3/zjj' }, t)).toBe(true)
    expect(can.accept({ role: 'unit_handler', unit_code: 'XD.A.A3/cg' }, t)).toBe(false)
    expect(can.dispatch({ role: 'dispatcher' }, t)).toBe(true)
    expect(can.dispatch({ role: 'call_taker' }, t)).toBe(false)
    expect(can.intake({ role: 'analyst' })).toBe(false)
    // the server's allowed_actions, when present, decides
    const served = { ...t, allowed_actions: ['note'] }
    expect(can.accept({ role: 'unit_handler', unit_code: 'XD.A.A3/zjj' }, served)).toBe(false)
    expect(can.dispatch({ role: 'analyst' }, { ...t, allowed_actions: ['dispatch'] })).toBe(true)
  })
})

describe('api client', () => {
  it('turns a 401 on a signed-in call into sign-out plus the expiry handler', async () => {
    fakeApi({ 'GET /api/tickets': [401, { error: { code: 'unauthenticated', message: '登录已过期，请重新登录' } }] })
    setSession({ token: 't', expires_at: '', user: { username: 'paidan', role: 'dispatcher' } })
    const expired = vi.fn()
    onSessionExpired(expired)
    const err = await api.listTickets({}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('登录已过期，请重新登录')
    expect(session.token).toBe('')
    expect(expired).toHaveBeenCalledTimes(1)
  })

  it('ignores a late 401 for a token that is no longer the current one', async () => {
    let release
    const gate = new Promise((r) => (release = r))
    vi.stubGlobal('fetch', vi.fn(async () => {
      await gate
      return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: '登录已过期' } }), { status: 401 })
    }))
    setSession({ token: 'old', expires_at: '', user: { username: 'duban', role: 'supervisor' } })
    const expired = vi.fn()
    onSessionExpired(expired)
    const pending = api.listTickets({}).catch((e) => e)
    setSession({ token: 'new', expires_at: '', user: { username: 'duban', role: 'supervisor' } }) // signed in again
    release()
    expect((await pending).status).toBe(401)
    expect(session.token).toBe('new')
    expect(expired).not.toHaveBeenCalled()
  })

  it('does not treat a failed login as an expired session', async () => {
    fakeApi({ 'POST /api/auth/login': [401, { error: { code: 'unauthenticated', message: '用户名或密码错误' } }] })
    const expired = vi.fn()
    onSessionExpired(expired)
    await expect(api.login('x', 'y')).rejects.toThrow('用户名或密码错误')
    expect(expired).not.toHaveBeenCalled()
  })
})
