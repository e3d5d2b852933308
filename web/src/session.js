// The signed-in staff member: token, expiry and user, kept in localStorage so a
// reload or a second tab stays signed in until the server-side session expires.
import { reactive, computed } from 'vue'

const KEY = 'lianxin.session'

function load() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) || 'null')
    if (s && s.token && (!s.expiresAt || Date.parse(s.expiresAt) > Date.now())) return s
  } catch (e) {
    /* unreadable: start signed out */
  }
  return { token: '', expiresAt: '', user: null }
}

export const session = reactive(load())

export const signedIn = computed(() => !!session.token)

export function setSession({ token, expires_at, user }) {
  session.token = token
  session.expiresAt = expires_at || ''
  session.user = user
  persist()
}

export function updateUser(user) {
  session.user = { ...(session.user || {}), ...user }
  persist()
}

export function clearSession() {
  session.token = ''
  session.expiresAt = ''
  session.user = null
  try {
    localStorage.removeItem(KEY)
  } catch (e) {
    /* ignore */
  }
}

function persist() {
  try {
    localStorage.setItem(KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt, user: session.user }))
  } catch (e) {
    /* private mode: the session lives in memory only */
  }
}
