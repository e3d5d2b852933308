// Form checks that mirror the server's (service/tickets.cc), so most mistakes are caught
// before a round trip. The server stays the authority and its message is shown as is.

// Returns a Chinese problem description, or '' when the phone number is acceptable.
export function phoneProblem(phone, { required = true } = {}) {
  const p = (phone || '').trim()
  if (!p) return required ? '请填写联系电话' : ''
  if (!/^[0-9+\- ]+$/.test(p)) return '联系电话只能包含数字、空格、+ 和 -'
  const digits = p.replace(/[^0-9]/g, '').length
  if (digits < 5 || digits > 15 || p.length > 20) return '联系电话长度不正确'
  return ''
}

// Element Plus form rule for a phone field.
export function phoneRule(required) {
  return {
    required, // shows the asterisk; the validator does the checking
    trigger: 'blur',
    validator: (rule, value, callback) => {
      const problem = phoneProblem(value, { required })
      callback(problem ? new Error(problem) : undefined)
    },
  }
}

// A title from the first sentence of the content (关怀版 does not ask for one).
export function titleFromBody(body, max = 30) {
  const first = (body || '').trim().split(/[\n。！？!?]/)[0].trim()
  const chars = Array.from(first || (body || '').trim())
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('')
}

// Drops empty optional fields and trims the rest.
export function compact(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) {
    const val = typeof v === 'string' ? v.trim() : v
    if (val !== '' && val !== undefined && val !== null) out[k] = val
  }
  return out
}

// Focuses the first field Element Plus marked invalid (keyboard and screen-reader users).
export function focusFirstError(root) {
  const el = (root || document).querySelector('.is-error input, .is-error textarea')
  if (el) el.focus()
}
