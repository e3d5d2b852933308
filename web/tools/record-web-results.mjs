// Writes the web UI's figures into bench/RESULTS.md, between <!-- web:begin --> and
// <!-- web:end -->: the portal's first load as the last end-to-end run measured it
// (web/test-results/e2e.json), the raw and gzip sizes of the portal entry and of what
// each staff screen loads on top of it (web/dist with Vite's manifest), the test counts,
// the date, commit and load average. The section's earlier hand-written runs are kept
// below the new figures; the previous generated block is replaced. Run by `bench/web`
// after scripts/web-test; nothing here is asserted.
//   node tools/record-web-results.mjs [--load-before "1.2 1.0 0.9"]
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readAssets, landingFiles, readManifest, entryFiles, total, kb } from './asset-sizes.mjs'

const BEGIN = '<!-- web:begin -->'
const END = '<!-- web:end -->'
const LATEST_END = '<!-- web:latest:end -->'

const arg = (name) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : ''
}
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null)

// The markdown of the figures (without the section markers).
export function render({ when, commit, loadBefore, loadAfter, perf, unit, e2e, rows, landing, manifest }) {
  const out = []
  out.push('## Web UI (issues #6–#8; recorded, not asserted)', '')
  out.push(
    `Command: \`bench/web\` (→ \`scripts/web-test\`: vite build, vitest, the Chromium end-to-end test against`,
    `\`lianxin serve\` on 127.0.0.1; then \`node web/tools/record-web-results.mjs\` writes this block). Run ${when},`,
    `commit ${commit}, load average ${loadBefore || '?'} before → ${loadAfter} after (2 cores shared; times are noisy, sizes are not).`,
    '',
  )
  out.push(`- Tests: vitest ${unit ? `${unit.numPassedTests}/${unit.numTotalTests}` : 'did not run'}, end-to-end ${e2e ? `${e2e.passed}/${e2e.passed + e2e.failed}` : 'did not run'}.`)
  if (perf && perf.load_ms !== undefined) {
    out.push(
      `- Portal first load (cold cache, Chromium headless): TTFB ${perf.ttfb_ms} ms, first contentful paint ${perf.first_contentful_paint_ms} ms,`,
      `  DOMContentLoaded ${perf.dom_content_loaded_ms} ms, load ${perf.load_ms} ms, form ready ≤ ${perf.form_ready_ms} ms, ${perf.transferred_kb} kB transferred (gzip);`,
      `  slowest resource: ${perf.slowest_resource}.`,
    )
  } else {
    out.push('- Portal first load: not measured (no end-to-end result).')
  }
  out.push('', '| what | files | JS raw | JS gzip | CSS raw | CSS gzip |', '|---|---:|---:|---:|---:|---:|')
  const row = (label, t) => out.push(`| ${label} | ${t.files} | ${kb(t.jsRaw)} | ${kb(t.jsGz)} | ${kb(t.cssRaw)} | ${kb(t.cssGz)} |`)
  row(`portal entry (what index.html loads; + index.html ${kb(landing.indexBytes)})`, total(rows, landing.files))
  if (manifest) {
    const screens = Object.keys(manifest)
      .filter((k) => k.startsWith('src/views/staff/') || k === 'src/dashboard-charts.js')
      .sort()
    for (const key of screens) {
      const extra = new Set([...entryFiles(manifest, key)].filter((f) => !f.startsWith('key:') && !landing.files.has(f)))
      const name = key.replace(/^src\/(views\/staff\/)?/, '').replace(/\.(vue|js)$/, '')
      row(key === 'src/dashboard-charts.js' ? 'ECharts (lazy, first chart on a staff screen)' : `staff: ${name} (on top of the portal)`, total(rows, extra))
    }
  } else {
    out.push('', '(no Vite manifest in web/dist: per-screen figures left out)')
  }
  row('all assets', total(rows, new Set(rows.map((r) => r.f))))
  out.push('', 'A staff screen\'s row counts its own chunk and its static imports that the portal has not loaded; chunks it shares with other screens count in each row; ECharts loads on the first chart.')
  return out.join('\n')
}

// Replaces the generated block of the web section, keeping the hand-written runs after it.
export function splice(text, block) {
  const b = text.indexOf(BEGIN)
  const e = text.indexOf(END)
  const fresh = `${BEGIN}\n${block}\n${LATEST_END}\n`
  if (b < 0 || e < b) return `${text.trimEnd()}\n\n${fresh}${END}\n`
  let old = text.slice(b + BEGIN.length, e)
  const l = old.indexOf(LATEST_END)
  if (l >= 0) old = old.slice(l + LATEST_END.length)
  else {
    const body = old.replace(/^\s*## [^\n]*\n/, '').trim()
    old = body ? `\n### Earlier runs\n\n${body}\n` : ''
  }
  return text.slice(0, b) + fresh + old.replace(/^\n+/, '\n').trimEnd() + '\n' + text.slice(e)
}

// Run as a script (not imported by the tests).
const self = import.meta.url.startsWith('file:') ? fileURLToPath(import.meta.url) : ''
if (self && process.argv[1] && resolve(process.argv[1]) === self) {
  const WEB = resolve(self, '..', '..')
  const ROOT = resolve(WEB, '..')
  const DIST = join(WEB, 'dist')
  const RESULTS = join(ROOT, 'bench', 'RESULTS.md')
  const git = (...a) => execFileSync('git', ['-C', ROOT, ...a], { encoding: 'utf8' }).trim()
  const e2e = read(join(WEB, 'test-results', 'e2e.json'))
  const unit = read(join(WEB, 'test-results', 'vitest.json'))
  const dirty = git('status', '--porcelain').length > 0
  const block = render({
    when: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''} on ${git('rev-parse', '--abbrev-ref', 'HEAD')}`,
    loadBefore: arg('--load-before'),
    loadAfter: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    perf: e2e?.perf,
    unit,
    e2e,
    rows: readAssets(DIST),
    landing: landingFiles(DIST),
    manifest: readManifest(DIST),
  })
  writeFileSync(RESULTS, splice(readFileSync(RESULTS, 'utf8'), block))
  console.log(`record-web-results: wrote the web section of ${RESULTS}`)
}
