// The call-taker's side panel: the dispatch agent's suggestion as they type (intake).
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import AiAssist from '../../src/components/AiAssist.vue'
import { fakeApi, settle } from './helpers.js'

const SUGGESTION = {
  model_loaded: true,
  category_label: '城乡建设',
  category: '01',
  confidence: 0.82,
  region: 'XD.A.A3',
  automatic: false,
  hold_reason: '置信度低于自动派单阈值',
  explanation: '文本像「城乡建设」；职责目录：区县住建局负责路灯',
  candidates: [{ unit_code: 'XD.A.A3/zjj', unit_name: 'A3区住房和城乡建设局', category: '01', score: 0.82, rule: '职责目录 01 → zjj（区县）' }],
  duplicates: [{ id: 3, number: 'XD-20261129-000003', title: '幸福路路灯不亮', status: 'received', similarity: 0.71 }],
}

const SUGGEST = {
  entries: [
    { entry_id: 7, version: 2, score: 0.9, question: '路灯不亮找谁', source: '城市照明管理办法', owner_unit: 'XD.A.A3/zjj',
      // "路灯" is bytes 0..6 of the snippet (UTF-8: 3 bytes a character)
      snippet: '路灯故障可拨打城市照明热线。', highlights: [[0, 6]] },
  ],
  tickets: [
    { id: 11, number: 'XD-20261101-000011', title: '幸福路路灯坏了', status: 'resolved', status_label: '已办结',
      reply: '已更换灯具，恢复照明。', similarity: 0.64 },
  ],
}

const mountPanel = (props) => mount(AiAssist, { props: { delayMs: 20, ...props }, global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } })

afterEach(() => vi.unstubAllGlobals())

describe('AiAssist', () => {
  it('asks the agent once typing pauses and shows category, units, reasons and duplicates', async () => {
    const api = fakeApi({ 'POST /api/dispatch/preview': [200, SUGGESTION], 'GET /api/assist/suggest': [200, SUGGEST] })
    const w = mountPanel()
    expect(w.text()).toContain('输入标题或诉求内容后')
    await w.setProps({ title: '路灯' })
    await w.setProps({ title: '路灯不亮', body: '幸福路路灯坏了' })
    await w.setProps({ region: 'XD.A.A3' })
    await settle()
    const previews = api.calls.filter((c) => c.key === 'POST /api/dispatch/preview')
    expect(previews).toHaveLength(1) // debounced: one request for the last text
    expect(previews[0].body).toEqual({ title: '路灯不亮', body: '幸福路路灯坏了', region: 'XD.A.A3' })
    const text = w.text()
    expect(text).toContain('城乡建设')
    expect(text).toContain('82%')
    expect(text).toContain('A3区住房和城乡建设局')
    expect(text).toContain('职责目录 01 → zjj')
    expect(text).toContain('置信度低于自动派单阈值')
    expect(text).toContain('XD-20261129-000003')
    expect(text).toContain('71%')
    // The AI seat's suggestions for the same text: entries with the matched words marked,
    // similar past tickets with how they ended.
    const suggests = api.calls.filter((c) => c.key === 'GET /api/assist/suggest')
    expect(suggests).toHaveLength(1)
    expect(suggests[0].query).toEqual({ q: '路灯不亮 幸福路路灯坏了', region: 'XD.A.A3' })
    const entry = w.find('[data-testid="kb-entry-0"]')
    expect(entry.text()).toContain('路灯不亮找谁')
    expect(entry.text()).toContain('第 2 版')
    expect(entry.find('mark').text()).toBe('路灯')
    const similar = w.find('[data-testid="similar-0"]')
    expect(similar.text()).toContain('XD-20261101-000011')
    expect(similar.text()).toContain('已办结')
    expect(similar.text()).toContain('已更换灯具')
    expect(similar.text()).toContain('64%')
  })

  it('says so when no model is loaded, and emits the chosen candidate', async () => {
    fakeApi({ 'POST /api/dispatch/preview': [200, { ...SUGGESTION, model_loaded: false, category_label: '' }] })
    const w = mountPanel()
    await w.setProps({ title: '小区路灯不亮' })
    await settle()
    expect(w.find('[data-testid="suggestion-no-model"]').exists()).toBe(true)
    await w.find('[data-testid="use-candidate-0"]').trigger('click')
    expect(w.emitted('use')[0][0]).toEqual({ unit_code: 'XD.A.A3/zjj', category: '01' })
  })

  it('shows the server error and no suggestion', async () => {
    fakeApi({ 'POST /api/dispatch/preview': [503, { error: { code: 'unavailable', message: '存储暂不可用' } }] })
    const w = mountPanel()
    await w.setProps({ body: '楼道灯坏了很久' })
    await settle()
    expect(w.text()).toContain('智能建议获取失败：存储暂不可用')
    expect(w.find('[data-testid="dispatch-suggestion"]').exists()).toBe(false)
    expect(w.text()).toContain('知识库检索失败') // no made-up entries either
    expect(w.find('[data-testid="kb-entry-0"]').exists()).toBe(false)
  })
})
