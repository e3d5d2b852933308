// Starts the real `lianxin serve` on a free port (--port 0; the port is read from its
// first stdout line) with a fresh data folder and the demo province, and waits for /healthz.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function startServer({ bin, webDir, timeoutMs = 120000 }) {
  if (!existsSync(bin)) throw new Error(`${bin} not found: build the server first (scripts/setup)`)
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html not found: run scripts/web-build`)
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-e2e-'))
  // --no-model: the walk-through needs tickets that wait for a dispatcher; the
  // dispatch agent (which would dispatch the sure ones at once) is tested in C++.
  // --insight-seconds 2: the governance walk-through waits for its tickets to become a hot
  // topic and a risky-word alert (the background insight pass; default every 30 s).
  const args = ['serve', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--demo', '--no-history', '--no-model', '--insight-seconds', '2', '--web-dir', webDir]
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stderr.on('data', (d) => (log += d))

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lianxin did not start in ${timeoutMs} ms\n${log}`)), timeoutMs)
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /serving on (http:\/\/[\d.]+:\d+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`lianxin exited with ${code} before serving\n${log}`))
    })
  })

  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/healthz`)
      if (res.ok) break
    } catch (e) {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`/healthz did not answer\n${log}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL')
          r()
        }, 5000)
        child.on('exit', () => {
          clearTimeout(t)
          r()
        })
      })
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { baseUrl, stop, log: () => log }
}
