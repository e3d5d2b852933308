// Knowledge-base helpers shared by the call-taker's panel, the portal's AI seat and the
// knowledge-base screen. The API marks matched words as UTF-8 byte ranges of a snippet;
// the screens need pieces of text.

const encoder = new TextEncoder()
const decoder = new TextDecoder()

// Splits `snippet` at the byte ranges `highlights` ([[begin, end], ...], ascending, not
// overlapping) into [{ text, hit }]. Ranges out of bounds or backwards are ignored.
export function highlightParts(snippet, highlights = []) {
  const bytes = encoder.encode(snippet || '')
  const parts = []
  let at = 0
  for (const [b, e] of highlights || []) {
    if (!(b >= at && e > b && e <= bytes.length)) continue
    if (b > at) parts.push({ text: decoder.decode(bytes.slice(at, b)), hit: false })
    parts.push({ text: decoder.decode(bytes.slice(b, e)), hit: true })
    at = e
  }
  if (at < bytes.length) parts.push({ text: decoder.decode(bytes.slice(at)), hit: false })
  return parts
}

export const KB_STATUSES = [
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'retired', label: '已停用' },
]

// Lines of a textarea as a list (empty lines dropped), and back.
export const linesToList = (text) => (text || '').split('\n').map((s) => s.trim()).filter(Boolean)
export const listToText = (list) => (list || []).join('\n')
