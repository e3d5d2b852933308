// A paged list screen's state: `page` (1-based), the API's answer for the current query
// (`result`: the answer with `items` and `total` defaulted; null before the first answer
// and after an error), `loading` and the server's `error` message. `build(page)` returns
// the query for a page; it is re-read whenever anything it uses changes, and a change of
// the `filters` (refs) goes back to page 1. Loads on mount.
import { ref, computed, watch, onMounted } from 'vue'

export function usePagedList(fetchPage, build, filters = []) {
  const page = ref(1)
  const result = ref(null)
  const loading = ref(false)
  const error = ref('')
  const query = computed(() => build(page.value))

  async function load() {
    loading.value = true
    error.value = ''
    try {
      const r = await fetchPage(query.value)
      result.value = { ...r, items: r?.items || [], total: r?.total ?? 0 }
    } catch (e) {
      result.value = null
      error.value = e.message
    } finally {
      loading.value = false
    }
  }

  if (filters.length) watch(filters, () => (page.value = 1))
  watch(query, load, { deep: true })
  onMounted(load)
  return { page, result, loading, error, load, query }
}
