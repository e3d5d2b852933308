// 关怀版 (elder-friendly mode): large type, high contrast, fewer choices, big buttons.
// The choice is remembered; index.html applies it before the first paint.
import { ref, watch } from 'vue'

const KEY = 'lianxin.care'

function initial() {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch (e) {
    return false
  }
}

export const careMode = ref(initial())

function apply(on) {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('care', on)
}

apply(careMode.value)
watch(careMode, (on) => {
  apply(on)
  try {
    localStorage.setItem(KEY, on ? '1' : '0')
  } catch (e) {
    /* ignore */
  }
})

export function toggleCare() {
  careMode.value = !careMode.value
}
