// Reference data (regions, categories, units) loaded once per page and shaped for
// cascaders. Regions: province XD → cities XD.A → districts XD.A.A3; categories: 3 levels.
import { api } from './api.js'

const cache = new Map()

function once(key, load) {
  if (!cache.has(key)) {
    const p = load().catch((e) => {
      cache.delete(key) // let the next caller retry
      throw e
    })
    cache.set(key, p)
  }
  return cache.get(key)
}

export function clearReferenceCache() {
  cache.clear()
}

// Builds cascader options {value, label, children?} from flat {code, name, parent} rows.
// Children keep the order of the rows. With skipSingleRoot, a lone root (the province)
// is left out and its children become the top level.
export function buildTree(items, { skipSingleRoot = false } = {}) {
  const nodes = new Map()
  for (const it of items) nodes.set(it.code, { value: it.code, label: it.name })
  const roots = []
  for (const it of items) {
    const node = nodes.get(it.code)
    const parent = it.parent ? nodes.get(it.parent) : null
    if (parent) (parent.children ||= []).push(node)
    else roots.push(node)
  }
  if (skipSingleRoot && roots.length === 1 && roots[0].children) return roots[0].children
  return roots
}

// The path of codes from the top of the tree to `code` (what a cascader's v-model holds).
export function pathTo(items, code, { skipSingleRoot = false } = {}) {
  if (!code) return []
  const byCode = new Map(items.map((it) => [it.code, it]))
  const path = []
  let cur = byCode.get(code)
  while (cur) {
    path.unshift(cur.code)
    cur = cur.parent ? byCode.get(cur.parent) : null
  }
  if (skipSingleRoot && path.length > 1) {
    const roots = items.filter((it) => !it.parent)
    if (roots.length === 1 && path[0] === roots[0].code) path.shift()
  }
  return path
}

export const loadRegions = () => once('regions', async () => (await api.regions()).items)
export const loadCategories = () => once('categories', async () => (await api.categories()).items)
export const loadUnits = (region) =>
  once(`units:${region || ''}`, async () => (await api.units(region ? { region } : {})).items)
