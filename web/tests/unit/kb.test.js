// Knowledge-base helpers: byte-range highlights to text pieces, textarea lines.
import { describe, it, expect } from 'vitest'
import { highlightParts, linesToList, listToText } from '../../src/kb.js'

describe('highlightParts', () => {
  it('cuts a Chinese snippet at UTF-8 byte ranges', () => {
    // 社保卡 = bytes 0..9, 丢失 = 9..15, 补办 = 15..21 of "社保卡丢失补办"
    expect(highlightParts('社保卡丢失补办', [[0, 9], [15, 21]])).toEqual([
      { text: '社保卡', hit: true },
      { text: '丢失', hit: false },
      { text: '补办', hit: true },
    ])
  })
  it('ignores ranges out of bounds, backwards or overlapping, and handles no snippet', () => {
    expect(highlightParts('路灯', [[3, 99], [6, 3]])).toEqual([{ text: '路灯', hit: false }])
    expect(highlightParts('路灯坏了', [[0, 6], [3, 9]])).toEqual([{ text: '路灯', hit: true }, { text: '坏了', hit: false }])
    expect(highlightParts('', [[0, 3]])).toEqual([])
    expect(highlightParts(undefined)).toEqual([])
  })
})

describe('lines', () => {
  it('turns textarea lines into a list and back', () => {
    expect(linesToList(' 社保卡怎么补办 \n\n补办社保卡\n')).toEqual(['社保卡怎么补办', '补办社保卡'])
    expect(listToText(['a', 'b'])).toBe('a\nb')
    expect(linesToList('')).toEqual([])
  })
})
