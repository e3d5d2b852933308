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
