// The screens wired to the server's supervision, evaluation and open-data endpoints: they
// show what those answer (lists, tiers, figures), ask the right paths, and stay honest
// (即将上线 on 404, the server's message on other errors).
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SuperviseView from '../../src/views/staff/SuperviseView.vue'
import InboxView from '../../src/views/staff/InboxView.vue'
import PublicStatsView from '../../src/views/PublicStatsView.vue'
import RankingPanel from '../../src/components/RankingPanel.vue'
import { fakeApi, settle } from './helpers.js'

const stubs = { global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } }
afterEach(() => vi.unstubAllGlobals())

const ticket = (id, number, extra = {}) => ({
  id, number, title: `工单${id}`, status: 'accepted', status_label: '已签收', owner_unit_name: 'A3区住建局',
  due_at: '2026-11-30T10:00:00+08:00', remaining_seconds: -3600, overdue: true, ...extra,
})

describe('SuperviseView', () => {
  it('shows the server\'s counts and lists, asking each list by name', async () => {
    const api = fakeApi({
      'GET /api/supervision': [200, { items: [{ list: 'overdue', label: '已超期', total: 2 }, { list: 'extensions', label: '延期待审批', total: 1 }], now: '' }],
      'GET /api/supervision/overdue': [200, { list: 'overdue', label: '已超期', items: [ticket(1, 'R1'), ticket(2, 'R2')], total: 2, limit: 200, offset: 0 }],
      'GET /api/supervision/extensions': [200, { list: 'extensions', label: '延期待审批', items: [ticket(3, 'R3', { status: 'extension_requested', status_label: '延期待批' })], total: 1, limit: 200, offset: 0 }],
    })
    const w = mount(SuperviseView, stubs)
    await settle(3)
    expect(w.find('[data-testid="sup-count-overdue"]').text()).toContain('2')
    expect(w.find('[data-testid="sup-count-extensions"]').text()).toContain('延期待审批')
    expect(w.find('[data-testid="sup-count-due_soon"]').exists()).toBe(false) // not in the caller's lists
    expect(w.find('[data-testid="sup-row-R1"]').exists()).toBe(true)
    expect(w.find('[data-testid="sup-count-overdue"]').classes()).not.toContain('red')
    expect(w.find('[data-testid="sup-count-overdue"] .stat-value').classes()).toContain('red')
    await w.find('[data-testid="sup-count-extensions"]').trigger('click')
    await settle(2)
    expect(w.find('[data-testid="sup-row-R3"]').text()).toContain('审批')
    expect(w.find('[data-testid="sup-row-R1"]').exists()).toBe(false)
    const listCalls = api.calls.filter((c) => c.key.startsWith('GET /api/supervision/'))
    expect(listCalls.map((c) => c.key)).toEqual(['GET /api/supervision/overdue', 'GET /api/supervision/extensions'])
    expect(listCalls[0].query).toMatchObject({ window_hours: '24', limit: '200' })
    expect(api.calls.some((c) => c.key === 'GET /api/tickets')).toBe(false) // no browser-side bucketing
  })
  it('says how many there are when the list is longer than shown, and shows the server\'s error', async () => {
    fakeApi({
      'GET /api/supervision': [200, { items: [{ list: 'overdue', label: '已超期', total: 350 }] }],
      'GET /api/supervision/overdue': [200, { items: [ticket(1, 'R1')], total: 350 }],
    })
    const w = mount(SuperviseView, stubs)
    await settle(3)
    expect(w.text()).toContain('共 350 件')
    fakeApi({ 'GET /api/supervision': [403, { error: { code: 'permission_denied', message: '无权查看督办清单' } }] })
    const w2 = mount(SuperviseView, stubs)
    await settle(3)
    expect(w2.find('[data-testid="sup-error"]').text()).toContain('无权查看督办清单')
    expect(w2.findAll('tr')).toHaveLength(0)
  })
})

describe('InboxView', () => {
  it('takes the overdue count from the server\'s overdue list', async () => {
    const api = fakeApi({
      'GET /api/tickets': (body, init) => [200, { items: [], total: 0 }],
      'GET /api/supervision/overdue': [200, { items: [ticket(1, 'R1')], total: 3 }],
    })
    const w = mount(InboxView, stubs)
    await settle(3)
    expect(w.find('[data-testid="inbox-overdue"]').text()).toBe('3')
    expect(api.calls.find((c) => c.key === 'GET /api/supervision/overdue').query.limit).toBe('1')
  })
})

const metrics = (key, name, composite, rank) => ({ key, name, composite, rank, counted: 12, response_rate: 0.9, resolution_rate: 0.75, satisfaction_rate: null })

describe('RankingPanel', () => {
  const RANKING = {
    from: 20261101, to: 20261130,
    tiers: [
      { unit_type: 'gov', level: 'city', ranked: [metrics('XD.A/gov', 'A市人民政府', 80, 1)], unranked: [] },
      {
        unit_type: 'zjj', level: 'district',
        ranked: [metrics('XD.A.A3/zjj', 'A3区住房和城乡建设局', 91.5, 1), metrics('XD.A.A1/zjj', 'A1区住房和城乡建设局', 70.25, 2)],
        unranked: [metrics('XD.B.B1/zjj', 'B1区住房和城乡建设局', null)],
      },
    ],
  }
  it('shows one tier at a time, the largest first, with its ranks and rates', async () => {
    const api = fakeApi({ 'GET /api/evaluation/ranking': [200, RANKING] })
    const w = mount(RankingPanel, { props: { params: { from: '20261101', to: '20261130' }, testid: 'r' } })
    await settle(2)
    expect(api.calls.find((c) => c.key === 'GET /api/evaluation/ranking').query).toEqual({ from: '20261101', to: '20261130' })
    const rows = w.findAll('[data-testid="r-row"]').map((r) => r.text())
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('A3区住房和城乡建设局')
    expect(rows[0]).toContain('91.5')
    expect(rows[0]).toContain('90%')
    expect(rows[0]).toContain('—') // satisfaction undefined
    expect(w.text()).not.toContain('A市人民政府') // the other tier is not mixed in
    expect(w.find('[data-testid="r-unranked"]').text()).toContain('1 个单位')
    await w.find('[data-testid="r-tier"]').setValue('1')
    await settle(1)
    const other = w.findAll('[data-testid="r-row"]').map((r) => r.text())
    expect(other).toHaveLength(1)
    expect(other[0]).toContain('A市人民政府')
  })
  it('says 即将上线 only on 404 and shows other errors as they are', async () => {
    fakeApi({})
    const w = mount(RankingPanel, { props: { testid: 'r' } })
    await settle(2)
    expect(w.find('[data-testid="r-soon"]').exists()).toBe(true)
    fakeApi({ 'GET /api/evaluation/ranking': [403, { error: { code: 'permission_denied', message: '无权查看三率排名' } }] })
    const w2 = mount(RankingPanel, { props: { testid: 'r' } })
    await settle(2)
    expect(w2.find('[data-testid="r-error"]').text()).toContain('无权查看三率排名')
    expect(w2.find('[data-testid="r-soon"]').exists()).toBe(false)
  })
})

describe('PublicStatsView', () => {
  it('shows the open-data figures and ranking for the chosen period, anonymously', async () => {
    const api = fakeApi({
      'GET /api/open-data/stats': [200, {
        from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00', total: 40, open: 10, closed: 30, due: 20, on_time: 17,
        on_time_rate: 0.85, rated: 0, satisfied: 0, satisfaction_rate: 0,
        by_category: [{ name: '城乡建设', count: 25 }], by_region: [{ name: 'A3区', count: 12 }], by_kind: [],
      }],
      'GET /api/open-data/rankings': [200, {
        items: [{ rank: 1, unit_code: 'XD.A.A3/zjj', unit_name: 'A3区住建局', tickets: 9, closed: 8, on_time_rate: 0.875, satisfaction_rate: 1, rated: 4, score: 93.75 }],
        min_tickets: 5, method: '得分 = 50% × 按期办结率 + 50% × 满意率（满意与基本满意）',
      }],
    })
    const w = mount(PublicStatsView)
    await settle(3)
    expect(w.find('[data-testid="pub-total"]').text()).toBe('40')
    expect(w.find('[data-testid="pub-on-time"]').text()).toBe('85%')
    expect(w.find('[data-testid="pub-satisfaction"]').text()).toBe('—') // nothing rated
    expect(w.find('[data-testid="pub-by_category"]').text()).toContain('城乡建设')
    const row = w.find('[data-testid="pub-rank-row"]').text()
    expect(row).toContain('A3区住建局')
    expect(row).toContain('93.8')
    expect(w.text()).toContain('不少于 5 件')
    const stats = api.calls.find((c) => c.key === 'GET /api/open-data/stats')
    expect(stats.headers.Authorization).toBeUndefined()
    expect(stats.query.from).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
  it('says 即将上线 on 404 and shows the server\'s message on other errors', async () => {
    fakeApi({ 'GET /api/open-data/rankings': [400, { error: { code: 'invalid_argument', message: 'from 格式不正确' } }] })
    const w = mount(PublicStatsView)
    await settle(3)
    expect(w.find('[data-testid="pub-stats-soon"]').exists()).toBe(true)
    expect(w.find('[data-testid="pub-rankings-error"]').text()).toContain('from 格式不正确')
  })
})
