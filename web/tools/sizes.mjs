// Prints the size of every file in dist/assets (raw, gzip, brotli) and the total the
// landing page loads (what index.html references), after `vite build`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, brotliCompressSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url).pathname
const assets = join(dist, 'assets')
const kb = (n) => `${(n / 1024).toFixed(1)} kB`
const pad = (s, n) => String(s).padStart(n)

const index = readFileSync(join(dist, 'index.html'), 'utf8')
const initial = new Set([...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]))

const rows = readdirSync(assets)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const buf = readFileSync(join(assets, f))
    return { f, raw: statSync(join(assets, f)).size, gz: gzipSync(buf, { level: 9 }).length, br: brotliCompressSync(buf).length }
  })
  .sort((a, b) => b.raw - a.raw)

const width = Math.max(...rows.map((r) => r.f.length), 10)
console.log(`\nweb/dist/assets (${rows.length} files; * = loaded by the landing page)`)
console.log(`  ${'file'.padEnd(width)} ${pad('raw', 10)} ${pad('gzip', 10)} ${pad('brotli', 10)}`)
for (const r of rows) {
  console.log(`${initial.has(r.f) ? '*' : ' '} ${r.f.padEnd(width)} ${pad(kb(r.raw), 10)} ${pad(kb(r.gz), 10)} ${pad(kb(r.br), 10)}`)
}
const sum = (list, k) => list.reduce((s, r) => s + r[k], 0)
const first = rows.filter((r) => initial.has(r.f))
const js = rows.filter((r) => r.f.endsWith('.js'))
console.log(`  landing page: ${kb(sum(first, 'raw'))} raw, ${kb(sum(first, 'gz'))} gzip (${first.length} files + index.html ${kb(index.length)})`)
console.log(`  all JS: ${kb(sum(js, 'raw'))} raw, ${kb(sum(js, 'gz'))} gzip; all CSS: ${kb(sum(rows, 'raw') - sum(js, 'raw'))} raw\n`)
