// A shared clock for countdowns: `now` (ms) ticks every 30 s while some screen uses it.
import { ref, onMounted, onBeforeUnmount } from 'vue'

export function useNow(periodMs = 30000) {
  const now = ref(Date.now())
  let timer = null
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), periodMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
