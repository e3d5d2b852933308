// tools/record-web-results.mjs: the web section of bench/RESULTS.md is rewritten in place,
// the earlier hand-written runs kept, the previous generated block replaced, the other
// sections untouched; the per-screen rows count only what the portal has not loaded.
import { describe, it, expect } from 'vitest'
import { splice, render } from '../../tools/record-web-results.mjs'
import { entryFiles, total } from '../../tools/asset-sizes.mjs'

const DOC = '# Results\n\n<!-- a:begin -->\nA\n<!-- a:end -->\n\n<!-- web:begin -->\n## Web UI (old)\n\nold run: FCP 528 ms\n<!-- web:end -->\n\n<!-- b:begin -->\nB\n<!-- b:end -->\n'

describe('record-web-results', () => {
  it('puts the new block first, keeps the hand-written runs, and replaces its own block next time', () => {
    const once = splice(DOC, 'NEW 1')
    expect(once).toContain('<!-- web:begin -->\nNEW 1\n<!-- web:latest:end -->')
    expect(once).toContain('### Earlier runs')
    expect(once).toContain('old run: FCP 528 ms')
    expect(once).not.toContain('## Web UI (old)')
    expect(once).toContain('<!-- a:begin -->\nA\n<!-- a:end -->')
    expect(once).toContain('<!-- b:begin -->\nB\n<!-- b:end -->')
    const twice = splice(once, 'NEW 2')
    expect(twice).not.toContain('NEW 1')
    expect(twice.match(/old run: FCP 528 ms/g)).toHaveLength(1)
    expect(twice.match(/### Earlier runs/g)).toHaveLength(1)
    expect(splice('# R\n', 'X')).toBe('# R\n\n<!-- web:begin -->\nX\n<!-- web:latest:end -->\n<!-- web:end -->\n')
  })
  it('counts a screen\'s chunk and static imports, not what the portal already loaded', () => {
    const manifest = {
      'index.html': { file: 'assets/index.js', css: ['assets/index.css'], imports: ['_vue.js'] },
      '_vue.js': { file: 'assets/vue.js' },
      'src/views/staff/AView.vue': { file: 'assets/AView.js', css: ['assets/AView.css'], imports: ['_vue.js', '_el.js'], dynamicImports: ['src/dashboard-charts.js'] },
      '_el.js': { file: 'assets/el.js' },
      'src/dashboard-charts.js': { file: 'assets/charts.js' },
    }
    const files = [...entryFiles(manifest, 'src/views/staff/AView.vue')].filter((f) => !f.startsWith('key:'))
    expect(files.sort()).toEqual(['AView.css', 'AView.js', 'el.js', 'vue.js'])
    const rows = [
      { f: 'index.js', raw: 1000, gz: 400 }, { f: 'index.css', raw: 300, gz: 100 }, { f: 'vue.js', raw: 500, gz: 200 },
      { f: 'AView.js', raw: 100, gz: 50 }, { f: 'AView.css', raw: 10, gz: 5 }, { f: 'el.js', raw: 200, gz: 80 }, { f: 'charts.js', raw: 9000, gz: 3000 },
    ]
    const landing = { files: new Set(['index.js', 'index.css', 'vue.js']), indexBytes: 900 }
    const text = render({ when: 'w', commit: 'c', loadBefore: '1.0', loadAfter: '2.0', perf: { ttfb_ms: 5, first_contentful_paint_ms: 300, dom_content_loaded_ms: 250, load_ms: 260, form_ready_ms: 400, transferred_kb: 160, slowest_resource: 'index.js 90 ms' }, unit: { numPassedTests: 3, numTotalTests: 3 }, e2e: { passed: 2, failed: 1 }, rows, landing, manifest })
    expect(text).toContain('| portal entry (what index.html loads; + index.html 0.9 kB) | 3 | 1.5 kB | 0.6 kB | 0.3 kB | 0.1 kB |')
    expect(text).toContain('| staff: AView (on top of the portal) | 3 | 0.3 kB | 0.1 kB | 0.0 kB | 0.0 kB |')
    expect(text).toContain('| ECharts (lazy, first chart on a staff screen) | 1 | 8.8 kB | 2.9 kB |')
    expect(text).toContain('first contentful paint 300 ms')
    expect(text).toContain('end-to-end 2/3')
    expect(total(rows, new Set(['el.js'])).jsRaw).toBe(200)
  })
})
