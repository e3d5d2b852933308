// The dashboard widgets: headline figures, option builders, the region outlines, the
// panels whose APIs are still being built, and deadline buckets.
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import DashboardStats from '../../src/components/DashboardStats.vue'
import FeedPanel from '../../src/components/FeedPanel.vue'
import Countdown from '../../src/components/Countdown.vue'
import { periodRange, evaluationRange, tierLabel, trendOption, categoryOption, mapOption, mapFeatures, resolvedRate, cstDay } from '../../src/dashboard.js'
import { byDeadline } from '../../src/lists.js'
import { buildGeoJson, parseRegions } from '../../tools/gen-region-map.mjs'
import { ApiError } from '../../src/api.js'
import { settle } from './helpers.js'

const SUMMARY = {
  total: 8, open: 5, overdue: 2, due_soon: 1, resolved: 3,
  by_day: [{ day: '2026-11-29', count: 3 }, { day: '2026-11-30', count: 5 }],
  by_category: [{ code: '01', name: '城乡建设', count: 5 }, { code: '05', name: '交通运输', count: 2 }, { code: '', name: '未分类', count: 1 }],
  by_region: [{ code: 'XD.A', name: 'A市', count: 6, open: 4, overdue: 2 }, { code: 'XD.B', name: 'B市', count: 0, open: 0, overdue: 0 }, { code: '', name: '未定位', count: 2 }],
  by_status: [],
}

afterEach(() => vi.unstubAllGlobals())

describe('DashboardStats', () => {
  it('shows the summary figures and the 办结率, flagging overdue tickets', () => {
    const w = mount(DashboardStats, { props: { summary: SUMMARY } })
    expect(w.find('[data-testid="dash-total"]').text()).toContain('8')
    expect(w.find('[data-testid="dash-overdue"]').text()).toContain('2')
    expect(w.find('[data-testid="dash-overdue"]').classes()).toContain('alarm')
    expect(w.find('[data-testid="dash-rate"]').text()).toContain('37.5%')
  })
  it('shows placeholders, not zeros, while loading', () => {
    const w = mount(DashboardStats, { props: { summary: null } })
    expect(w.find('[data-testid="dash-total"]').text()).toContain('…')
  })
})

describe('dashboard options', () => {
  it('builds the trend line and the top categories from the summary', () => {
    const t = trendOption(SUMMARY.by_day)
    expect(t.xAxis.data).toEqual(['11-29', '11-30'])
    expect(t.series[0].data).toEqual([3, 5])
    const c = categoryOption(SUMMARY.by_category, 2)
    expect(c.yAxis.data).toEqual(['交通运输', '城乡建设']) // largest at the top of the bars
    expect(c.series[0].data).toEqual([2, 5])
  })
  it('colours the map by count and leaves the unplaced out', () => {
    const m = mapOption('lx-XD', SUMMARY.by_region)
    expect(m.series[0].map).toBe('lx-XD')
    expect(m.series[0].data).toEqual([{ name: 'A市', value: 6, code: 'XD.A' }, { name: 'B市', value: 0, code: 'XD.B' }])
    expect(m.visualMap.max).toBe(6)
  })
  it('turns a period into a CST date range ending tomorrow', () => {
    const now = Date.parse('2026-11-30T20:00:00+08:00')
    expect(periodRange('7', now)).toEqual({ from: '2026-11-24', to: '2026-12-01' })
    expect(periodRange('all', now)).toEqual({})
    expect(cstDay(Date.parse('2026-11-30T23:30:00+08:00'))).toBe('2026-11-30')
    expect(resolvedRate({ total: 0, resolved: 0 })).toBe('—')
  })
  it('turns a period into the evaluation range: YYYYMMDD, both ends inclusive, ending today', () => {
    const now = Date.parse('2026-11-30T20:00:00+08:00')
    expect(evaluationRange('7', now)).toEqual({ from: '20261124', to: '20261130' })
    expect(evaluationRange('all', now)).toEqual({ from: '20000101', to: '20261130' })
    // Late evening in CST is still that day (UTC is 8 hours behind).
    expect(evaluationRange('7', Date.parse('2026-11-30T23:30:00+08:00')).to).toBe('20261130')
  })
  it('names a ranking tier by its level and the name ending its units share', () => {
    const tier = { unit_type: 'zjj', level: 'district', ranked: [{ name: 'A1区住房和城乡建设局' }, { name: 'A3区住房和城乡建设局' }], unranked: [{ name: 'B2区住房和城乡建设局' }] }
    expect(tierLabel(tier)).toBe('区县级 · 住房和城乡建设局')
    expect(tierLabel({ unit_type: 'gov', level: 'city', ranked: [{ name: 'A市人民政府' }, { name: 'B县政府' }], unranked: [] })).toBe('市级 · 政府')
    expect(tierLabel({ unit_type: 'scj', level: 'city', ranked: [{ name: 'A市市场监督管理局' }, { name: 'B市市场监督管理局' }], unranked: [] })).toBe('市级 · 市场监督管理局')
    expect(tierLabel({ unit_type: 'x', level: 'city', ranked: [{ name: '甲' }, { name: '乙' }], unranked: [] })).toBe('市级 · x')
  })
})

describe('region outlines', () => {
  const csv = 'code,name,parent,level\nXD,西地省,,province\nXD.A,A市,XD,city\nXD.A.A1,A1区,XD.A,district\nXD.A.A2,A2区,XD.A,district\nXD.B,B市,XD,city\n'
  it('lays out every city and district as a closed polygon inside its parent', () => {
    const geo = buildGeoJson(parseRegions(csv))
    expect(geo.features.map((f) => f.properties.code)).toEqual(['XD.A', 'XD.A.A1', 'XD.A.A2', 'XD.B'])
    const box = (f) => {
      const xs = f.geometry.coordinates[0].map((p) => p[0])
      const ys = f.geometry.coordinates[0].map((p) => p[1])
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
    }
    for (const f of geo.features) {
      const ring = f.geometry.coordinates[0]
      expect(ring[0]).toEqual(ring[ring.length - 1])
    }
    const [city, d1] = [box(geo.features[0]), box(geo.features[1])]
    expect(d1[0]).toBeGreaterThanOrEqual(city[0])
    expect(d1[2]).toBeLessThanOrEqual(city[2])
    expect(mapFeatures(geo, 'XD').features.map((f) => f.properties.name)).toEqual(['A市', 'B市'])
    expect(mapFeatures(geo, 'XD.A').features).toHaveLength(2)
  })
})

describe('FeedPanel', () => {
  it('says 功能即将上线 when the API answers 404, and shows no rows', async () => {
    const load = vi.fn(async () => {
      throw new ApiError(404, 'not_found', '没有这个接口')
    })
    const w = mount(FeedPanel, { props: { title: '三率排名', load, testid: 'r' } })
    await settle(2)
    expect(load).toHaveBeenCalled()
    expect(w.find('[data-testid="r-soon"]').text()).toContain('功能即将上线')
    expect(w.findAll('li')).toHaveLength(0)
  })
  it('lists what the API sends, with its figures, and reloads when the filters change', async () => {
    const load = vi.fn(async (p) => ({ items: [{ unit_name: p.region === 'XD.A' ? 'A市住建局' : '省住建厅', response_rate: 0.95 }] }))
    const w = mount(FeedPanel, { props: { title: '三率排名', load, params: { region: '' } } })
    await settle(2)
    expect(w.text()).toContain('省住建厅')
    expect(w.text()).toContain('95%')
    await w.setProps({ params: { region: 'XD.A' } })
    await settle(2)
    expect(w.text()).toContain('A市住建局')
  })
})

describe('deadlines', () => {
  const now = Date.parse('2026-11-30T12:00:00+08:00')
  const t = (id, due) => ({ id, due_at: due })
  it('sorts by deadline, tickets without one last', () => {
    const items = [t(1, '2026-12-03T12:00:00+08:00'), t(2, '2026-11-30T10:00:00+08:00'), t(3, ''), t(4, '2026-11-30T18:00:00+08:00')]
    expect(byDeadline(items).map((x) => x.id)).toEqual([2, 4, 1, 3])
  })
  it('Countdown shows the time left, amber when soon and red when overdue', () => {
    const soon = mount(Countdown, { props: { due: '2026-11-30T15:30:00+08:00', now } })
    expect(soon.text()).toBe('剩余 3小时30分钟')
    expect(soon.classes()).toContain('soon')
    const late = mount(Countdown, { props: { due: '2026-11-29T12:00:00+08:00', now } })
    expect(late.text()).toBe('已超期 1天0小时')
    expect(late.classes()).toContain('overdue')
  })
})
