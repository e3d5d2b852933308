// The dashboard's pure parts: period → query range, and the ECharts options of its widgets
// built from GET /api/dashboard/summary. No data is made up: empty input, empty chart.

export const PERIODS = [
  { value: '7', label: '近 7 天' },
  { value: '30', label: '近 30 天' },
  { value: '90', label: '近 90 天' },
  { value: '365', label: '近一年' },
  { value: 'all', label: '全部' },
]

// "YYYY-MM-DD" of `ms` in China Standard Time.
export function cstDay(ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

// The summary query for a period of `days` days ending today (CST): from the first day's
// midnight to tomorrow's midnight (exclusive). 'all' → no bounds.
export function periodRange(period, now = Date.now()) {
  if (period === 'all') return {}
  const days = Number(period)
  return { from: cstDay(now - (days - 1) * 86400000), to: cstDay(now + 86400000) }
}

const BLUE = '#1a4fa0'

export function trendOption(byDay = []) {
  return {
    aria: { enabled: true },
    color: [BLUE],
    grid: { left: 44, right: 16, top: 20, bottom: 36 },
    xAxis: { type: 'category', data: byDay.map((d) => d.day.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', name: '工单量', data: byDay.map((d) => d.count), areaStyle: { opacity: 0.12 }, showSymbol: byDay.length <= 31 }],
  }
}

export function categoryOption(byCategory = [], top = 10) {
  const rows = byCategory.slice(0, top).reverse()
  return {
    aria: { enabled: true },
    color: [BLUE],
    grid: { left: 110, right: 40, top: 10, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((c) => c.name), axisLabel: { width: 100, overflow: 'truncate' } },
    series: [{ type: 'bar', name: '工单量', data: rows.map((c) => c.count), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  }
}

// The features of `geo` whose parent is `parentCode` (the sub-regions shown on the map).
export function mapFeatures(geo, parentCode) {
  return { type: 'FeatureCollection', features: geo.features.filter((f) => f.properties.parent === parentCode) }
}

export function mapOption(mapName, byRegion = []) {
  const rows = byRegion.filter((r) => r.code)
  const max = Math.max(1, ...rows.map((r) => r.count))
  return {
    aria: { enabled: true },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, text: ['多', '少'], inRange: { color: ['#e8eef8', '#1a4fa0'] } },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'name',
        roam: false,
        selectedMode: false,
        label: { show: true, fontSize: 11, color: '#111', textBorderColor: '#fff', textBorderWidth: 2, formatter: (p) => `${p.name}\n${Number.isFinite(p.value) ? p.value : 0}` },
        emphasis: { label: { show: true } },
        data: rows.map((r) => ({ name: r.name, value: r.count, code: r.code })),
      },
    ],
  }
}

// 办结率: resolved / total as "87.5%", "—" without tickets.
export function resolvedRate(s) {
  return s && s.total ? `${Math.round((s.resolved / s.total) * 1000) / 10}%` : '—'
}

// The evaluation query (GET /api/evaluation/ranking) for a period: whole CST days as
// YYYYMMDD, both inclusive, ending today. 'all' → from 2000-01-01.
export function evaluationRange(period, now = Date.now()) {
  const day = (ms) => cstDay(ms).replaceAll('-', '')
  if (period === 'all') return { from: '20000101', to: day(now) }
  const days = Number(period)
  return { from: day(now - (days - 1) * 86400000), to: day(now) }
}

const LEVELS = { province: '省级', city: '市级', district: '区县级', street: '街镇级' }
// The last character of a region's name at each level, left over when the region names differ
// only before it ("A1区住建局", "A3区住建局" share "区住建局").
const LEVEL_ENDINGS = { province: '省', city: '市', district: '区县', street: '镇乡街道' }

// A ranking tier's caption: its region level and what its units are, taken as the longest
// name ending the units share (e.g. "住房和城乡建设局", without the region's own last
// character); the unit type code when they share none or the tier has one unit.
export function tierLabel(tier) {
  const names = [...(tier.ranked || []), ...(tier.unranked || [])].map((m) => [...(m.name || '')])
  let common = names.length > 1 ? names[0] : []
  for (const n of names.slice(1)) {
    let k = 0
    while (k < common.length && k < n.length && common[common.length - 1 - k] === n[n.length - 1 - k]) k++
    common = common.slice(common.length - k)
  }
  if (common.length && (LEVEL_ENDINGS[tier.level] || '').includes(common[0])) common = common.slice(1)
  const what = common.length >= 2 ? common.join('') : tier.unit_type
  return `${LEVELS[tier.level] || tier.level} · ${what}`
}
