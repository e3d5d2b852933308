// Sizes of the built web UI (web/dist, after `vite build`), shared by tools/sizes.mjs (the
// build's printout) and tools/record-web-results.mjs (bench/RESULTS.md): every JS and CSS
// asset raw, gzip (level 9) and brotli; the files the landing page (the public portal)
// loads, as index.html references them; and, from Vite's manifest, what a lazy screen
// loads on top of them (its chunk and its static imports, with their CSS).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, brotliCompressSync } from 'node:zlib'

export const kb = (n) => `${(n / 1024).toFixed(1)} kB`

// [{f, raw, gz, br}] of dist/assets/*.{js,css}, largest first.
export function readAssets(dist) {
  const assets = join(dist, 'assets')
  return readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const buf = readFileSync(join(assets, f))
      return { f, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length, br: brotliCompressSync(buf).length }
    })
    .sort((a, b) => b.raw - a.raw)
}

// The asset file names index.html loads (the portal's first load), and index.html's size.
export function landingFiles(dist) {
  const index = readFileSync(join(dist, 'index.html'), 'utf8')
  return { files: new Set([...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1])), indexBytes: index.length }
}

// Vite's manifest (build.manifest), or null when the build did not write one.
export function readManifest(dist) {
  const file = join(dist, '.vite', 'manifest.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

// The asset names (without "assets/") a manifest entry loads: its file, its CSS and, through
// its static imports, theirs. Dynamic imports (later lazy loads) are not followed.
export function entryFiles(manifest, key, out = new Set()) {
  const e = manifest[key]
  if (!e || out.has(`key:${key}`)) return out
  out.add(`key:${key}`)
  for (const f of [e.file, ...(e.css || [])]) out.add(f.replace(/^assets\//, ''))
  for (const k of e.imports || []) entryFiles(manifest, k, out)
  return out
}

// Sums raw/gzip of `names` over `rows`, split into JS and CSS.
export function total(rows, names) {
  const pick = rows.filter((r) => names.has(r.f))
  const sum = (list, k) => list.reduce((s, r) => s + r[k], 0)
  const js = pick.filter((r) => r.f.endsWith('.js'))
  const css = pick.filter((r) => r.f.endsWith('.css'))
  return { files: pick.length, jsRaw: sum(js, 'raw'), jsGz: sum(js, 'gz'), cssRaw: sum(css, 'raw'), cssGz: sum(css, 'gz') }
}
