// Generates src/assets/regions.geo.json: simple outlines for the demo province's regions
// (data/demo/regions.csv), for the dashboard's ECharts map. No real geography and no
// downloads: the cities are laid out as cells of a grid, in code order, and each city's
// districts subdivide its cell. Coordinates are plain numbers in a made-up lon/lat box.
//   node tools/gen-region-map.mjs [regions.csv] [out.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const src = process.argv[2] || here('../../data/demo/regions.csv')
const out = process.argv[3] || here('../src/assets/regions.geo.json')

export function parseRegions(csv) {
  const [header, ...lines] = csv.trim().split(/\r?\n/)
  const cols = header.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])))
}

const round = (x) => Math.round(x * 1000) / 1000
const rect = (x, y, w, h) => [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]].map(([a, b]) => [round(a), round(b)])]

// Lays out `n` cells in a near-square grid over the box (x, y, w, h), row by row from the top.
function grid(n, x, y, w, h) {
  const cols = Math.ceil(Math.sqrt(n))
  const rows = Math.ceil(n / cols)
  const cw = w / cols
  const ch = h / rows
  return Array.from({ length: n }, (_, i) => [x + (i % cols) * cw, y + h - (Math.floor(i / cols) + 1) * ch, cw, ch])
}

export function buildGeoJson(regions) {
  const root = regions.find((r) => !r.parent)
  const cities = regions.filter((r) => r.parent === root.code).sort((a, b) => a.code.localeCompare(b.code))
  const features = []
  const gap = 0.15
  grid(cities.length, 100, 28, 12, 10).forEach(([x, y, w, h], i) => {
    const city = cities[i]
    features.push({ type: 'Feature', properties: { code: city.code, name: city.name, parent: root.code }, geometry: { type: 'Polygon', coordinates: rect(x + gap, y + gap, w - 2 * gap, h - 2 * gap) } })
    const districts = regions.filter((r) => r.parent === city.code).sort((a, b) => a.code.localeCompare(b.code))
    grid(districts.length, x + gap, y + gap, w - 2 * gap, h - 2 * gap).forEach(([dx, dy, dw, dh], j) => {
      const d = districts[j]
      features.push({ type: 'Feature', properties: { code: d.code, name: d.name, parent: city.code }, geometry: { type: 'Polygon', coordinates: rect(dx + 0.03, dy + 0.03, dw - 0.06, dh - 0.06) } })
    })
  })
  return { type: 'FeatureCollection', features }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const geo = buildGeoJson(parseRegions(readFileSync(src, 'utf8')))
  writeFileSync(out, JSON.stringify(geo) + '\n')
  console.log(`gen-region-map: ${geo.features.length} regions → ${out}`)
}
