// The governance and integration screens (issues 6, 8): the queries their filters build,
// the checks their forms make before sending (and the server's messages after), their
// empty and error states, and what each role is offered.
import { describe, it, expect, afterEach, beforeEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import HotTopicsView from '../../src/views/staff/HotTopicsView.vue'
import HotTopicDetailView from '../../src/views/staff/HotTopicDetailView.vue'
import AlertsView from '../../src/views/staff/AlertsView.vue'
import AlertDetailView from '../../src/views/staff/AlertDetailView.vue'
import RepeatsView from '../../src/views/staff/RepeatsView.vue'
import GovernanceView from '../../src/views/staff/GovernanceView.vue'
import GovernanceDetailView from '../../src/views/staff/GovernanceDetailView.vue'
import IntegrationsView from '../../src/views/staff/IntegrationsView.vue'
import ReportsView from '../../src/views/staff/ReportsView.vue'
import GovernanceForm from '../../src/components/GovernanceForm.vue'
import IntegrationForm from '../../src/components/IntegrationForm.vue'
import UnitPicker from '../../src/components/UnitPicker.vue'
import TrendChart from '../../src/components/TrendChart.vue'
import { hotspotQuery, alertQuery, governanceQuery, repeatQuery, sortTopics, trendText, perDay, alertSeriesQuery, dayText, volumeSeries, governancePayload, taskPayload, parseTicketRefs, integrationPayload, deadlineIso } from '../../src/insight.js'
import { can, MENU } from '../../src/roles.js'
import { session } from '../../src/session.js'
import { fakeApi, settle } from './helpers.js'

const NOW = Date.parse('2026-12-01T10:00:00+08:00')
const brief = (id, number, extra = {}) => ({ id, number, title: `工单${id}`, created_at: '2026-11-29T09:00:00+08:00', status: 'received', status_label: '已受理', region_name: 'A3区', category_name: '城乡建设', owner_unit_name: '', ...extra })
const topic = (id, extra = {}) => ({
  id, title: `A3区 丽发新城 搅拌站噪音 ${id}`, heat: 12.34, growth: 2.5, size: 3, people: 2, likes: 0, urgent: 0,
  first_time: '2026-11-28T22:00:00+08:00', last_time: '2026-11-30T23:00:00+08:00', places: ['丽发新城'], region: 'XD.A.A3', region_name: 'A3区',
  category: '', category_name: '', units: [], keywords: ['搅拌站', '噪音'], tickets: [], tickets_total: 3, ...extra,
})
const alertRow = (id, extra = {}) => ({
  id, kind: 'risky_word', kind_label: '风险词', series: '燃气|4', day: '20261130', expected: 0, seen: 1, p_value: 0, region: 'XD.A.A3', region_name: 'A3区',
  category: '', category_name: '', detail: '工单 XD-1 出现风险词“燃气”（公共安全）', examples: [4], state: 'new', state_label: '新预警', assignee_unit: '', assignee_unit_name: '',
  note: '', updated_by: '', created_at: '2026-11-30T10:00:00+08:00', ...extra,
})
const item = (id, extra = {}) => ({
  id, title: '丽发新城搅拌站噪音', description: '', source_kind: 'hotspot', source_id: 7, hotspot_id: 7, region: 'XD.A.A3', region_name: 'A3区', category: '', category_name: '',
  lead_unit: 'XD.A.A3/zjj', lead_unit_name: 'A3区住建局', assist_units: [{ code: 'XD.A.A3/cg', name: 'A3区城管局' }], deadline: '2030-12-31T23:59:59+08:00',
  state: 'open', state_label: '待办', created_by: 'duban', created_at: '2026-11-30T10:00:00+08:00', ...extra,
})
const detail = (extra = {}) => ({
  ...item(1), tasks: [{ id: 5, item_id: 1, unit_code: 'XD.A.A3/cg', unit_name: 'A3区城管局', title: '夜间巡查', deadline: null, state: 'todo' }],
  tickets: [brief(4, 'XD-4')], progress: [{ id: 1, task_id: 0, actor: 'duban', unit_code: '', at: '2026-11-30T11:00:00+08:00', note: '新增任务：夜间巡查' }],
  volume: { weeks: [{ week: -1, start: '2026-11-23T10:00:00+08:00', count: 3 }, { week: 0, start: '2026-11-30T10:00:00+08:00', count: 1 }], before: 3, after: 1, weekly_before: 0.375, weekly_after: 1 },
  ...extra,
})

const Blank = { template: '<div />' }
// The charts (ECharts) and the unit picker (cascader + select over /api/units) are stubbed
// to keep the mounts light on a busy machine: the browser test drives the real ones, and
// the tests here set a unit by the picker's update:modelValue, as a pick would.
const LIGHT = { TrendChart: true, UnitPicker: true }
// Mounts `component` at `path` with the app's route names (targets are blank pages).
async function mountAt(component, path, pattern) {
  const names = ['ticket', 'hot-topics', 'hot-topic', 'alerts', 'alert', 'governance', 'governance-item', 'reports']
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: pattern, component, name: 'here' }, ...names.map((name) => ({ path: `/x/${name}/:id?`, name, component: Blank }))],
  })
  router.push(path)
  await router.isReady()
  const w = mount(component, { global: { plugins: [router], stubs: LIGHT } })
  await settle(3)
  return { w, router }
}
const mountPlain = (component, opts = {}) => mount(component, { ...opts, global: { stubs: { ...LIGHT, RouterLink: { template: '<a><slot /></a>' } } } })
const as = (role, unit_code = '') => (session.user = { username: role, role, unit_code })

beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ['Date'] }))
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  session.user = null
})

describe('governance queries and checks (insight.js)', () => {
  it('builds the list queries from the filters, leaving out empty ones', () => {
    expect(hotspotQuery({ region: 'XD.A.A3', category: '01', period: '7', page: 2, pageSize: 20 }, NOW)).toEqual({
      region: 'XD.A.A3', category: '01', from: '2026-11-25', to: '2026-12-02', limit: 20, offset: 20, tickets: 3,
    })
    expect(hotspotQuery({ period: 'all' }, NOW)).toEqual({ limit: 20, offset: 0, tickets: 3 })
    expect(alertQuery({ state: 'new', kind: '', region: '' })).toEqual({ state: 'new', limit: 20, offset: 0 })
    expect(governanceQuery({ unit: 'XD.A.A3/zjj', page: 3, pageSize: 10 })).toEqual({ unit: 'XD.A.A3/zjj', limit: 10, offset: 20 })
    expect(repeatQuery({ kind: 'same_person', period: '30' }, NOW)).toMatchObject({ kind: 'same_person', from: '2026-11-02', to: '2026-12-02' })
  })
  it('sorts by growth only when asked, and words the trend', () => {
    const items = [topic(1, { growth: 1, heat: 9 }), topic(2, { growth: 3, heat: 5 })]
    expect(sortTopics(items, 'heat').map((t) => t.id)).toEqual([1, 2])
    expect(sortTopics(items, 'growth').map((t) => t.id)).toEqual([2, 1])
    expect(trendText(2.5)).toBe('↑ 2.5 倍')
    expect(trendText(0.5)).toBe('↓ 0.5 倍')
    expect(trendText(1)).toBe('→ 持平')
    expect(trendText(undefined)).toBe('—')
  })
  it('counts tickets per CST day with the gaps, and shapes the alert and volume series', () => {
    const days = perDay([{ created_at: '2026-11-28T23:30:00+08:00' }, { created_at: '2026-11-30T01:00:00+08:00' }, { created_at: '2026-11-30T20:00:00+08:00' }, { created_at: 'bad' }])
    expect(days).toEqual([{ day: '2026-11-28', count: 1 }, { day: '2026-11-29', count: 0 }, { day: '2026-11-30', count: 2 }])
    expect(perDay([])).toEqual([])
    expect(perDay([{ created_at: '2026-11-30T01:00:00+08:00' }], { pad: 1 })).toEqual([{ day: '2026-11-29', count: 0 }, { day: '2026-11-30', count: 1 }, { day: '2026-12-01', count: 0 }])
    expect(alertSeriesQuery({ day: '20261130', region: 'XD.A.A3', category: '01' })).toEqual({ region: 'XD.A.A3', category: '01', from: '2026-11-02', to: '2026-12-01' })
    expect(alertSeriesQuery({ day: 'x' })).toBe(null)
    expect(dayText('20261130')).toBe('2026-11-30')
    expect(dayText('2026-11-30')).toBe('2026-11-30')
    expect(volumeSeries(detail().volume)).toEqual([{ day: '2026-11-23', count: 3 }, { day: '2026-11-30', count: 1 }])
  })
  it('checks a new governance item as the server would, and shapes its body', () => {
    const ok = { source_kind: 'hotspot', source_id: '7', lead_unit: 'XD.A.A3/zjj' }
    expect(governancePayload({ ...ok, source_kind: 'x' }).problem).toContain('来源')
    expect(governancePayload({ ...ok, source_id: '0' }).problem).toContain('来源编号')
    expect(governancePayload({ ...ok, source_id: 'abc' }).problem).toContain('来源编号')
    expect(governancePayload({ ...ok, lead_unit: ' ' }).problem).toBe('请指定牵头单位')
    expect(governancePayload({ ...ok, deadline: '2026-11-01' }, NOW).problem).toBe('办理期限应晚于现在')
    expect(governancePayload({ ...ok, tasks: [{ title: '巡查', unit_code: '' }] }).problem).toContain('请指定承办单位')
    expect(governancePayload({ ...ok, tasks: [{ title: '', unit_code: 'XD.A.A3/cg' }] }).problem).toBe('任务内容不能为空')
    const { body } = governancePayload({ ...ok, title: '', deadline: '2030-12-31', assist_units: ['XD.A.A3/cg', 'XD.A.A3/zjj'], tasks: [{ title: ' 巡查 ', unit_code: 'XD.A.A3/cg' }, { title: '', unit_code: '' }], tickets: [3, 4] }, NOW)
    expect(body).toEqual({
      source_kind: 'hotspot', source_id: 7, lead_unit: 'XD.A.A3/zjj', deadline: '2030-12-31T23:59:59+08:00',
      assist_units: ['XD.A.A3/cg'], tasks: [{ unit_code: 'XD.A.A3/cg', title: '巡查' }], tickets: [3, 4],
    })
    expect(taskPayload({ title: '', unit_code: 'U' }).problem).toBe('请填写任务内容')
    expect(taskPayload({ title: 'T', unit_code: 'U', deadline: '2030-01-02' }).body).toEqual({ title: 'T', unit_code: 'U', deadline: '2030-01-02T23:59:59+08:00' })
    expect(deadlineIso('31/12/2030')).toBe('')
  })
  it('reads ticket references as ids and numbers, and checks an integration like the server', () => {
    expect(parseTicketRefs('12, xd-20261129-000001，15 ？')).toEqual({ ids: [12, 15], numbers: ['XD-20261129-000001'], bad: ['？'] })
    const ok = { unit_code: 'XD.A.A3/zjj', url: 'http://10.1.2.3:8081/lianxin', events: ['dispatched', 'nope'] }
    expect(integrationPayload(ok).body).toEqual({ unit_code: 'XD.A.A3/zjj', url: 'http://10.1.2.3:8081/lianxin', events: ['dispatched'], active: true })
    expect(integrationPayload({ ...ok, unit_code: '' }).problem).toBe('请选择对接单位')
    expect(integrationPayload({ ...ok, url: 'https://a.b/x' }).body.url).toBe('https://a.b/x')
    expect(integrationPayload({ ...ok, url: 'ftp://a.b/x' }).problem).toContain('https://')
    expect(integrationPayload({ ...ok, url: 'http://a.b:70000/x' }).problem).toContain('1–65535')
    expect(integrationPayload({ ...ok, url: 'http://a b/x' }).problem).toContain('http://')
    expect(integrationPayload({ ...ok, events: [] }).problem).toBe('请至少选择一个推送事件')
  })
})

describe('roles: menus mirror the API scopes', () => {
  const menuFor = (role) => MENU.filter((m) => m.show({ role, unit_code: role === 'unit_handler' ? 'XD.A.A3/zjj' : '' })).map((m) => m.name)
  it('shows each role only the governance screens it may use', () => {
    for (const role of ['supervisor', 'analyst', 'admin']) expect(menuFor(role)).toEqual(expect.arrayContaining(['hot-topics', 'alerts', 'repeats', 'governance', 'reports']))
    expect(menuFor('unit_handler')).toEqual(expect.arrayContaining(['alerts', 'governance']))
    expect(menuFor('unit_handler')).not.toContain('hot-topics')
    expect(menuFor('unit_handler')).not.toContain('reports')
    for (const role of ['call_taker', 'dispatcher']) {
      for (const name of ['hot-topics', 'alerts', 'repeats', 'governance', 'reports', 'integrations']) expect(menuFor(role)).not.toContain(name)
    }
    expect(menuFor('admin')).toContain('integrations')
    expect(menuFor('supervisor')).not.toContain('integrations')
  })
  it('lets the lead unit steer an item, an assisting unit note it, a task\'s unit update its task', () => {
    const g = item(1)
    const lead = { role: 'unit_handler', unit_code: 'XD.A.A3/zjj' }
    const assist = { role: 'unit_handler', unit_code: 'XD.A.A3/cg' }
    expect(can.steerItem(lead, g)).toBe(true)
    expect(can.steerItem(assist, g)).toBe(false)
    expect(can.noteItem(assist, g)).toBe(true)
    expect(can.noteItem({ role: 'unit_handler', unit_code: 'XD.A.A3/hb' }, g)).toBe(false)
    expect(can.updateTask(assist, g, { unit_code: 'XD.A.A3/cg' })).toBe(true)
    expect(can.steerItem({ role: 'analyst' }, g)).toBe(false)
    expect(can.steerItem({ role: 'supervisor' }, g)).toBe(true)
  })
})

describe('TrendChart', () => {
  it('draws the series and lists its numbers for screen readers', () => {
    const w = mount(TrendChart, { props: { series: [{ day: '2026-11-29', count: 2 }, { day: '2026-11-30', count: 5 }], label: '每日工单量', testid: 't' }, global: { stubs: { ChartBox: { props: ['option', 'label'], template: '<div :data-label="label" :data-points="option.series[0].data.join()"><slot /></div>' } } } })
    expect(w.find('[data-label="每日工单量折线图"]').attributes('data-points')).toBe('2,5')
    expect(w.find('caption').text()).toBe('每日工单量')
    expect(w.findAll('tbody tr').map((r) => r.text())).toEqual(['2026-11-292', '2026-11-305'])
  })
})

describe('HotTopicsView', () => {
  it('pages through the server\'s list and goes back to page 1 when a filter changes', async () => {
    const api = fakeApi({ 'GET /api/insight/hotspots': [200, { items: [topic(1)], total: 45 }] })
    const w = mountPlain(HotTopicsView)
    await settle(3)
    await w.find('.el-pager li:nth-child(2)').trigger('click')
    await settle(2)
    expect(api.calls.filter((c) => c.key === 'GET /api/insight/hotspots').pop().query.offset).toBe('20')
    await w.find('[data-testid="hot-filters-category"]').setValue('01')
    await settle(2)
    const last = api.calls.filter((c) => c.key === 'GET /api/insight/hotspots').pop().query
    expect(last).toMatchObject({ category: '01', offset: '0' })
  })
  it('asks for the last 30 days, hottest first, and refilters by category', async () => {
    const api = fakeApi({ 'GET /api/insight/hotspots': [200, { items: [topic(1, { growth: 1 }), topic(2, { growth: 4 })], total: 2 }] })
    const w = mountPlain(HotTopicsView)
    await settle(3)
    const first = api.calls.filter((c) => c.key === 'GET /api/insight/hotspots')
    expect(first).toHaveLength(1)
    expect(first[0].query).toEqual({ from: '2026-11-02', to: '2026-12-02', limit: '20', offset: '0', tickets: '3' })
    const rows = w.findAll('[data-testid^="hot-row-"]')
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual(['hot-row-1', 'hot-row-2'])
    expect(rows[0].text()).toContain('搅拌站')
    expect(rows[0].text()).toContain('A3区')
    expect(rows[0].text()).toContain('12.3')
    expect(rows[1].text()).toContain('↑ 4 倍')
    await w.find('[data-testid="hot-sort"]').setValue('growth')
    expect(w.findAll('[data-testid^="hot-row-"]')[0].attributes('data-testid')).toBe('hot-row-2')
    await w.find('[data-testid="hot-filters-category"]').setValue('01')
    await settle(2)
    const last = api.calls.filter((c) => c.key === 'GET /api/insight/hotspots').pop()
    expect(last.query).toMatchObject({ category: '01', offset: '0' })
  })
  it('says so when there are none, and shows the server\'s message on errors', async () => {
    fakeApi({ 'GET /api/insight/hotspots': [200, { items: [], total: 0 }] })
    const w = mountPlain(HotTopicsView)
    await settle(3)
    expect(w.find('[data-testid="hot-empty"]').exists()).toBe(true)
    fakeApi({ 'GET /api/insight/hotspots': [403, { error: { code: 'permission_denied', message: '只有督办员、分析员和管理员可以查看热点与预警' } }] })
    const w2 = mountPlain(HotTopicsView)
    await settle(3)
    expect(w2.find('[data-testid="hot-error"]').text()).toContain('只有督办员')
    expect(w2.find('[data-testid="hot-empty"]').exists()).toBe(false)
  })
})

describe('HotTopicDetailView', () => {
  it('pages the member tickets, and offers 立为治理事项 to a supervisor only, linking the tickets', async () => {
    as('supervisor')
    const members = [brief(3, 'XD-3', { created_at: '2026-11-30T22:00:00+08:00' }), brief(2, 'XD-2'), brief(1, 'XD-1')]
    const api = fakeApi({
      'GET /api/insight/hotspots/7': (b, init) => [200, { ...topic(7), tickets: members, tickets_total: 3 }],
      'POST /api/governance/items': [201, item(9)],
    })
    const { w, router } = await mountAt(HotTopicDetailView, '/h/7', '/h/:id')
    const gets = api.calls.filter((c) => c.key === 'GET /api/insight/hotspots/7').map((c) => c.query)
    expect(gets).toEqual(expect.arrayContaining([{ limit: '20', offset: '0' }, { limit: '500' }]))
    expect(w.find('[data-testid="hot-tickets-row-XD-3"]').exists()).toBe(true)
    expect(w.find('[data-testid="hot-total"]').text()).toBe('3')
    await w.find('[data-testid="hot-promote"]').trigger('click')
    await settle(2)
    const form = w.findComponent(GovernanceForm)
    form.findAllComponents(UnitPicker)[0].vm.$emit('update:modelValue', 'XD.A.A3/zjj')
    await form.find('form').trigger('submit')
    await settle(2)
    const post = api.posts().find((c) => c.key === 'POST /api/governance/items')
    expect(post.body).toMatchObject({ source_kind: 'hotspot', source_id: 7, lead_unit: 'XD.A.A3/zjj', title: topic(7).title, tickets: [3, 2, 1] })
    expect(router.currentRoute.value.name).toBe('governance-item')
    as('analyst')
    const again = await mountAt(HotTopicDetailView, '/h/7', '/h/:id')
    expect(again.w.find('[data-testid="hot-promote"]').exists()).toBe(false)
  })
})

describe('AlertsView', () => {
  it('starts at the new alerts and refilters by state and kind', async () => {
    const api = fakeApi({ 'GET /api/insight/alerts': [200, { items: [alertRow(3)], total: 1 }] })
    const w = mountPlain(AlertsView)
    await settle(3)
    expect(api.calls.find((c) => c.key === 'GET /api/insight/alerts').query).toEqual({ state: 'new', limit: '20', offset: '0' })
    expect(w.find('[data-testid="alert-row-3"]').text()).toContain('风险词')
    await w.find('[data-testid="alert-state"]').setValue('')
    await w.find('[data-testid="alert-kind"]').setValue('count')
    await settle(2)
    expect(api.calls.filter((c) => c.key === 'GET /api/insight/alerts').pop().query).toEqual({ kind: 'count', limit: '20', offset: '0' })
  })
  it('shows the empty state and the server\'s error', async () => {
    fakeApi({ 'GET /api/insight/alerts': [200, { items: [], total: 0 }] })
    const w = mountPlain(AlertsView)
    await settle(3)
    expect(w.find('[data-testid="alert-empty"]').exists()).toBe(true)
    fakeApi({ 'GET /api/insight/alerts': [400, { error: { code: 'invalid_argument', message: 'limit 应为 1–500 的整数' } }] })
    const w2 = mountPlain(AlertsView)
    await settle(3)
    expect(w2.find('[data-testid="alert-error"]').text()).toContain('limit 应为')
  })
})

describe('AlertDetailView', () => {
  it('acks with the note, refuses to assign without a unit, and shows the server\'s refusal in Chinese', async () => {
    as('supervisor')
    const api = fakeApi({
      'GET /api/insight/alerts/3': [200, { ...alertRow(3, { kind: 'count', kind_label: '数量异常', expected: 2.4, seen: 9, p_value: 0.00001, category: '01' }), example_tickets: [brief(4, 'XD-4')] }],
      'GET /api/dashboard/summary': [200, { by_day: [{ day: '2026-11-29', count: 2 }, { day: '2026-11-30', count: 9 }] }],
      'POST /api/insight/alerts/3/ack': [200, alertRow(3, { state: 'acknowledged', state_label: '已确认', note: '已知悉' })],
      'POST /api/insight/alerts/3/assign': [404, { error: { code: 'not_found', message: '未知的承办单位：XD.NOPE' } }],
    })
    const { w } = await mountAt(AlertDetailView, '/a/3', '/a/:id')
    expect(w.find('[data-testid="alert-reason"]').text()).toContain('燃气')
    expect(w.find('[data-testid="alert-examples-row-XD-4"]').exists()).toBe(true)
    expect(api.calls.find((c) => c.key === 'GET /api/dashboard/summary').query).toEqual({ region: 'XD.A.A3', category: '01', from: '2026-11-02', to: '2026-12-01' })
    expect(w.text()).toContain('约 2.4 件')
    await w.find('[data-testid="alert-note"]').setValue('已知悉')
    await w.find('[data-testid="alert-ack"]').trigger('click')
    await settle(2)
    expect(api.posts().find((c) => c.key.endsWith('/ack')).body).toEqual({ note: '已知悉' })
    expect(w.find('[data-testid="alert-state-tag"]').text()).toBe('已确认')
    expect(w.find('[data-testid="alert-notice"]').text()).toContain('已确认预警')
    await w.find('[data-testid="alert-assign"]').trigger('click')
    await settle(1)
    expect(w.find('[data-testid="alert-act-error"]').text()).toContain('请选择交办单位')
    expect(api.posts().some((c) => c.key.endsWith('/assign'))).toBe(false)
    w.findComponent(UnitPicker).vm.$emit('update:modelValue', 'XD.NOPE')
    await w.find('[data-testid="alert-assign"]').trigger('click')
    await settle(2)
    expect(api.posts().find((c) => c.key.endsWith('/assign')).body).toEqual({ unit_code: 'XD.NOPE' })
    expect(w.find('[data-testid="alert-act-error"]').text()).toContain('未知的承办单位')
  })
  it('offers no actions to an analyst', async () => {
    as('analyst')
    fakeApi({ 'GET /api/insight/alerts/3': [200, { ...alertRow(3), example_tickets: [] }] })
    const { w } = await mountAt(AlertDetailView, '/a/3', '/a/:id')
    expect(w.find('[data-testid="alert-actions"]').exists()).toBe(false)
    expect(w.find('[data-testid="alert-promote"]').exists()).toBe(false)
  })
})

describe('RepeatsView', () => {
  it('shows the counts and rate and refilters by kind', async () => {
    const api = fakeApi({
      'GET /api/insight/repeats': [200, { items: [{ kind: 'same_person', kind_label: '同一人重复诉求', days_after: 2, hotspot_id: 7, ticket: brief(3, 'XD-3'), earlier: brief(1, 'XD-1') }], total: 1, by_kind: { same_person: 1 }, tickets: 40, repeat_rate: 0.025 }],
    })
    const w = mountPlain(RepeatsView)
    await settle(3)
    expect(w.find('[data-testid="rep-total"]').text()).toBe('1')
    expect(w.find('[data-testid="rep-rate"]').text()).toBe('3%')
    expect(w.find('[data-testid="rep-row-XD-3"]').text()).toContain('XD-1')
    expect(w.find('[data-testid="rep-row-XD-3"]').text()).toContain('#7')
    await w.find('[data-testid="rep-kind"]').setValue('same_person')
    await settle(2)
    expect(api.calls.filter((c) => c.key === 'GET /api/insight/repeats').pop().query).toMatchObject({ kind: 'same_person', limit: '20' })
  })
})

describe('GovernanceView and GovernanceForm', () => {
  it('filters by state, shows the deadline countdown, and offers 新建 to a supervisor only', async () => {
    as('supervisor')
    const api = fakeApi({ 'GET /api/governance/items': [200, { items: [item(1)], total: 1 }] })
    const { w } = await mountAt(GovernanceView, '/g', '/g')
    expect(w.find('[data-testid="gov-row-1"]').text()).toContain('A3区住建局')
    expect(w.find('[data-testid="gov-row-1"] [data-testid="countdown"]').text()).toMatch(/^剩余 \d+天/)
    await w.find('[data-testid="gov-state"]').setValue('in_progress')
    await settle(2)
    expect(api.calls.filter((c) => c.key === 'GET /api/governance/items').pop().query).toEqual({ state: 'in_progress', limit: '20', offset: '0' })
    expect(w.find('[data-testid="gov-new"]').exists()).toBe(true)
    as('analyst')
    const { w: w2 } = await mountAt(GovernanceView, '/g', '/g')
    expect(w2.find('[data-testid="gov-new"]').exists()).toBe(false)
  })
  it('checks the form before sending and shows the server\'s refusal', async () => {
    const api = fakeApi({ 'POST /api/governance/items': [404, { error: { code: 'not_found', message: '没有这个热点' } }] })
    const w = mountPlain(GovernanceForm, { props: { testid: 'f' } })
    await settle(2)
    await w.find('form').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="f-error"]').text()).toContain('来源编号')
    await w.find('[data-testid="f-source-id"]').setValue('99')
    await w.find('form').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="f-error"]').text()).toContain('请指定牵头单位')
    expect(api.posts()).toHaveLength(0)
    w.findAllComponents(UnitPicker)[0].vm.$emit('update:modelValue', 'XD.A.A3/zjj')
    await w.find('[data-testid="f-task-title"]').setValue('夜间巡查')
    await w.find('form').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="f-error"]').text()).toContain('任务“夜间巡查”请指定承办单位')
    w.findAllComponents(UnitPicker)[2].vm.$emit('update:modelValue', 'XD.A.A3/cg')
    await w.find('form').trigger('submit')
    await settle(2)
    expect(api.posts()[0].body).toEqual({ source_kind: 'hotspot', source_id: 99, lead_unit: 'XD.A.A3/zjj', tasks: [{ unit_code: 'XD.A.A3/cg', title: '夜间巡查' }] })
    expect(w.find('[data-testid="f-error"]').text()).toContain('没有这个热点')
    expect(w.emitted('created')).toBeUndefined()
  })
})

describe('GovernanceDetailView', () => {
  it('adds a task, logs progress with a state, and links tickets by number', async () => {
    as('supervisor')
    const api = fakeApi({
      'GET /api/governance/items/1': [200, detail()],
      'POST /api/governance/items/1/tasks': [201, { id: 6 }],
      'POST /api/governance/items/1/tasks/5': [200, { id: 5 }],
      'POST /api/governance/items/1/progress': [200, item(1, { state: 'in_progress' })],
      'GET /api/tickets': [200, { items: [brief(8, 'XD-20261130-000008'), brief(9, 'XD-20261130-000080')], total: 2 }],
      'POST /api/governance/items/1/tickets': [200, { linked: 2 }],
    })
    const { w } = await mountAt(GovernanceDetailView, '/g/1', '/g/:id')
    expect(w.find('[data-testid="gov-deadline"] [data-testid="countdown"]').text()).toMatch(/^剩余/)
    expect(w.find('[data-testid="gov-volume"]').text()).toContain('立项前 8 周 3 件')
    await w.find('[data-testid="gov-task-add"]').trigger('submit')
    await w.find('form[aria-label="添加任务"]').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="gov-task-error"]').text()).toBe('请填写任务内容')
    await w.find('[data-testid="gov-task-title"]').setValue('约谈业主')
    w.findAllComponents(UnitPicker)[0].vm.$emit('update:modelValue', 'XD.A.A3/zjj')
    await w.find('form[aria-label="添加任务"]').trigger('submit')
    await settle(2)
    expect(api.posts().find((c) => c.key.endsWith('/tasks')).body).toEqual({ title: '约谈业主', unit_code: 'XD.A.A3/zjj' })
    await w.find('[data-testid="gov-task-state-5"]').setValue('done')
    await settle(2)
    expect(api.posts().find((c) => c.key.endsWith('/tasks/5')).body).toEqual({ state: 'done' })
    await w.find('form[aria-label="记录进展"]').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="gov-progress-error"]').text()).toContain('请填写进展说明')
    await w.find('[data-testid="gov-progress-note"]').setValue('协调会')
    await w.find('[data-testid="gov-progress-state"]').setValue('in_progress')
    await w.find('form[aria-label="记录进展"]').trigger('submit')
    await settle(2)
    expect(api.posts().find((c) => c.key.endsWith('/progress')).body).toEqual({ note: '协调会', state: 'in_progress' })
    await w.find('[data-testid="gov-tickets-refs"]').setValue('12 XD-20261130-000008')
    await w.find('form[aria-label="关联工单"]').trigger('submit')
    await settle(2)
    expect(api.calls.find((c) => c.key === 'GET /api/tickets').query).toMatchObject({ from: '2026-11-30', to: '2026-12-01', limit: '500', offset: '0' })
    expect(api.posts().find((c) => c.key.endsWith('/tickets')).body).toEqual({ ticket_ids: [12, 8] })
    expect(w.find('[data-testid="gov-notice"]').text()).toContain('新关联 2 件工单')
  })
  it('names a number it cannot find and sends nothing', async () => {
    as('supervisor')
    const api = fakeApi({ 'GET /api/governance/items/1': [200, detail()], 'GET /api/tickets': [200, { items: [], total: 0 }] })
    const { w } = await mountAt(GovernanceDetailView, '/g/1', '/g/:id')
    await w.find('[data-testid="gov-tickets-refs"]').setValue('XD-20261130-000404')
    await w.find('form[aria-label="关联工单"]').trigger('submit')
    await settle(2)
    expect(w.find('[data-testid="gov-tickets-error"]').text()).toContain('没有找到工单 XD-20261130-000404')
    expect(api.posts()).toHaveLength(0)
  })
  it('gives an assisting unit the progress note only, without state or tasks', async () => {
    as('unit_handler', 'XD.A.A3/cg')
    fakeApi({ 'GET /api/governance/items/1': [200, detail()] })
    const { w } = await mountAt(GovernanceDetailView, '/g/1', '/g/:id')
    expect(w.find('[data-testid="gov-progress-note"]').exists()).toBe(true)
    expect(w.find('[data-testid="gov-progress-state"]').exists()).toBe(false)
    expect(w.find('form[aria-label="添加任务"]').exists()).toBe(false)
    expect(w.find('[data-testid="gov-tickets-refs"]').exists()).toBe(false)
    expect(w.find('[data-testid="gov-task-state-5"]').exists()).toBe(true) // its own task
  })
})

describe('IntegrationsView and IntegrationForm', () => {
  const row = (extra = {}) => ({ unit_code: 'XD.A.A3/zjj', unit_name: 'A3区住建局', url: 'http://10.1.2.3:8081/x', events: ['dispatched', 'reminder'], active: true, flagged: true, deliveries: { pending: 1, sent: 5, failed: 2, last_error: '连接被拒绝', last_attempts: 6, last_sent_at: '2026-11-30T10:00:00+08:00' }, ...extra })
  it('lists the delivery summary and retries a failing unit by its code', async () => {
    const api = fakeApi({ 'GET /api/integrations': [200, { items: [row(), row({ unit_code: 'XD.A.A3/cg', unit_name: 'A3区城管局', flagged: false, deliveries: { pending: 0, sent: 3, failed: 0, last_error: '', last_attempts: 0, last_sent_at: null } })] }], 'POST /api/integrations/XD.A.A3/zjj/retry': [200, { requeued: 2 }] })
    const w = mountPlain(IntegrationsView)
    await settle(3)
    const r = w.find('[data-testid="int-row-XD.A.A3/zjj"]').text()
    expect(r).toContain('推送持续失败')
    expect(r).toContain('连接被拒绝')
    expect(r).toContain('派单、催办')
    expect(w.find('[data-testid="int-retry-XD.A.A3/cg"]').exists()).toBe(false)
    await w.find('[data-testid="int-retry-XD.A.A3/zjj"]').trigger('click')
    await settle(2)
    expect(api.posts().map((c) => c.key)).toEqual(['POST /api/integrations/XD.A.A3/zjj/retry'])
    expect(w.find('[data-testid="int-notice"]').text()).toContain('已重新排队 2 条')
  })
  it('shows the empty list and the server\'s error', async () => {
    fakeApi({ 'GET /api/integrations': [200, { items: [] }] })
    const w = mountPlain(IntegrationsView)
    await settle(3)
    expect(w.find('[data-testid="int-empty"]').exists()).toBe(true)
    fakeApi({ 'GET /api/integrations': [403, { error: { code: 'permission_denied', message: '只有管理员可以查看单位系统对接' } }] })
    const w2 = mountPlain(IntegrationsView)
    await settle(3)
    expect(w2.find('[data-testid="int-error"]').text()).toContain('只有管理员')
  })
  it('checks the URL, sends the chosen events, and shows the secret and key once', async () => {
    const api = fakeApi({ 'POST /api/integrations': [201, { unit_code: 'XD.A.A3/zjj', unit_name: 'A3区住建局', url: 'http://10.1.2.3:8081/x', events: ['dispatched'], active: true, secret: 'whsec_abc123', key: 'unit_k3y' }] })
    const w = mountPlain(IntegrationForm, { props: { testid: 'f' } })
    await settle(2)
    w.findComponent(UnitPicker).vm.$emit('update:modelValue', 'XD.A.A3/zjj')
    await w.find('[data-testid="f-url"]').setValue('ftp://10.1.2.3/x')
    await w.find('form').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="f-error"]').text()).toContain('http:// 或 https://')
    expect(api.posts()).toHaveLength(0)
    await w.find('[data-testid="f-url"]').setValue('http://10.1.2.3:8081/x')
    for (const e of ['reminder', 'escalation', 'reopened']) await w.find(`[data-testid="f-event-${e}"]`).setValue(false)
    await w.find('form').trigger('submit')
    await settle(2)
    expect(api.posts()[0].body).toEqual({ unit_code: 'XD.A.A3/zjj', url: 'http://10.1.2.3:8081/x', events: ['dispatched'], active: true })
    expect(w.find('[data-testid="f-secret"]').text()).toBe('whsec_abc123')
    expect(w.find('[data-testid="f-key"]').text()).toBe('unit_k3y')
    expect(w.emitted('saved')).toHaveLength(1)
    await w.find('[data-testid="f-issued-done"]').trigger('click')
    expect(w.text()).not.toContain('whsec_abc123')
    expect(w.find('[data-testid="f-url"]').element.value).toBe('') // the form is cleared
  })
})

describe('ReportsView', () => {
  it('fetches the report with the token as HTML and checks the period format', async () => {
    session.token = 'tok'
    const api = fakeApi({ 'GET /api/reports/weekly': [200, '<h1>西地省 12345 热线周报</h1><svg></svg>'], 'GET /api/reports/monthly': [200, '<h1>月报</h1>'] })
    const w = mountPlain(ReportsView)
    await settle(3)
    const call = api.calls.find((c) => c.key === 'GET /api/reports/weekly')
    expect(call.headers.Authorization).toBe('Bearer tok')
    expect(call.headers.Accept).toBe('text/html')
    expect(w.find('[data-testid="report-frame"]').attributes('srcdoc')).toContain('热线周报')
    expect(w.find('[data-testid="report-frame"]').attributes('sandbox')).toBe('')
    await w.find('[data-testid="report-period"]').setValue('2026-11')
    expect(w.find('[data-testid="report-period-error"]').text()).toContain('2026-W48')
    session.token = ''
  })
})
