// Prints the size of every file in dist/assets (raw, gzip, brotli) and the total the
// landing page loads (what index.html references), after `vite build`.
import { readAssets, landingFiles, kb } from './asset-sizes.mjs'

const dist = new URL('../dist/', import.meta.url).pathname
const pad = (s, n) => String(s).padStart(n)

const rows = readAssets(dist)
const { files: initial, indexBytes } = landingFiles(dist)

const width = Math.max(...rows.map((r) => r.f.length), 10)
console.log(`\nweb/dist/assets (${rows.length} files; * = loaded by the landing page)`)
console.log(`  ${'file'.padEnd(width)} ${pad('raw', 10)} ${pad('gzip', 10)} ${pad('brotli', 10)}`)
for (const r of rows) {
  console.log(`${initial.has(r.f) ? '*' : ' '} ${r.f.padEnd(width)} ${pad(kb(r.raw), 10)} ${pad(kb(r.gz), 10)} ${pad(kb(r.br), 10)}`)
}
const sum = (list, k) => list.reduce((s, r) => s + r[k], 0)
const first = rows.filter((r) => initial.has(r.f))
const js = rows.filter((r) => r.f.endsWith('.js'))
console.log(`  landing page: ${kb(sum(first, 'raw'))} raw, ${kb(sum(first, 'gz'))} gzip (${first.length} files + index.html ${kb(indexBytes)})`)
console.log(`  all JS: ${kb(sum(js, 'raw'))} raw, ${kb(sum(js, 'gz'))} gzip; all CSS: ${kb(sum(rows, 'raw') - sum(js, 'raw'))} raw\n`)
