// The AI seat's screens: the portal's 先问问智能客服 (answer with its sources, or a
// hand-off whose draft fills the submit form), the dashboard's containment panel, and the
// knowledge-base screen (list, history, edit as a new version, review).
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import AskAssistant from '../../src/components/AskAssistant.vue'
import AssistMetricsPanel from '../../src/components/AssistMetricsPanel.vue'
import SubmitForm from '../../src/components/SubmitForm.vue'
import KnowledgeView from '../../src/views/staff/KnowledgeView.vue'
import { session } from '../../src/session.js'
import { fakeApi, settle } from './helpers.js'

const stubs = { global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } }
afterEach(() => vi.unstubAllGlobals())

const ENTRY = {
  id: 5, version: 1, status: 'published', status_label: '已发布', questions: ['社保卡丢了怎么补办'],
  answer: '请先挂失。携带身份证到网点补办。', source: '社会保障卡管理办法', source_url: '', owner_unit: 'XD/rs',
  valid_from: '', valid_to: '', regions: [], tags: ['社保'], editor: 'demo', edited_at: '2026-11-28T08:00:00+08:00',
}

describe('AskAssistant', () => {
  it('shows the answer sentence by sentence with the entry and version each comes from', async () => {
    const api = fakeApi({
      'POST /api/assist/answer': [200, {
        kind: 'answer', text: '请先挂失。携带身份证到网点补办。', confidence: 0.9, entries: [ENTRY],
        sentences: [{ text: '请先挂失。', entry_id: 5, version: 1 }, { text: '携带身份证到网点补办。', entry_id: 5, version: 1 }],
      }],
    })
    const w = mount(AskAssistant)
    await w.find('[data-testid="ask-question"]').setValue('社保卡丢了怎么补办')
    await w.find('form').trigger('submit')
    await settle(2)
    const call = api.calls.find((c) => c.key === 'POST /api/assist/answer')
    expect(call.body).toEqual({ question: '社保卡丢了怎么补办' })
    expect(call.headers.Authorization).toBeUndefined() // the portal asks anonymously
    const answer = w.find('[data-testid="ask-answer"]')
    expect(answer.text()).toContain('请先挂失。')
    expect(answer.text()).toContain('携带身份证到网点补办。')
    const sources = w.find('[data-testid="ask-sources"]').text()
    expect(sources).toContain('#5 第 1 版')
    expect(sources).toContain('社保卡丢了怎么补办')
    expect(sources).toContain('社会保障卡管理办法')
  })

  it('says a person is needed, why, and hands the draft on', async () => {
    const draft = { title: '投诉工地夜间施工噪音', body: '投诉工地夜间施工噪音扰民', kind: 'complaint', region: 'XD.A.A3' }
    fakeApi({
      'POST /api/assist/answer': [200, { kind: 'handoff', reason: { code: 'not_a_consultation', label: '这是投诉、举报或求助，需要登记工单由承办单位办理' }, reasons: [], draft }],
    })
    const w = mount(AskAssistant)
    await w.find('[data-testid="ask-question"]').setValue('投诉工地夜间施工噪音扰民')
    await w.find('form').trigger('submit')
    await settle(2)
    expect(w.find('[data-testid="ask-handoff"]').text()).toContain('需要人工办理')
    expect(w.find('[data-testid="ask-handoff"]').text()).toContain('需要登记工单')
    expect(w.find('[data-testid="ask-answer"]').exists()).toBe(false)
    await w.find('[data-testid="ask-use-draft"]').trigger('click')
    expect(w.emitted('handoff')[0][0]).toEqual(draft)
  })

  it('asks for a question first and shows the server\'s error', async () => {
    const api = fakeApi({ 'POST /api/assist/answer': [429, { error: { code: 'resource_exhausted', message: '请求过于频繁，请 1 秒后再试' } }] })
    const w = mount(AskAssistant)
    await w.find('form').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="ask-error"]').text()).toContain('请先输入')
    expect(api.calls.some((c) => c.key === 'POST /api/assist/answer')).toBe(false)
    await w.find('[data-testid="ask-question"]').setValue('公积金怎么提取')
    await w.find('form').trigger('submit')
    await settle(2)
    expect(w.find('[data-testid="ask-error"]').text()).toContain('请求过于频繁')
  })
})

describe('SubmitForm.prefill', () => {
  it('fills title, content, kind and the region path from a hand-off draft', async () => {
    fakeApi()
    const w = mount(SubmitForm)
    await settle(2)
    w.vm.prefill({ title: '投诉噪音', body: '工地夜间施工', kind: 'complaint', region: 'XD.A.A3' })
    expect(w.vm.model.title).toBe('投诉噪音')
    expect(w.vm.model.body).toBe('工地夜间施工')
    expect(w.vm.model.kind).toBe('complaint')
    expect(w.vm.model.region).toEqual(['XD.A', 'XD.A.A3'])
    expect(w.vm.payload()).toMatchObject({ title: '投诉噪音', region: 'XD.A.A3', kind: 'complaint' })
  })
})

describe('AssistMetricsPanel', () => {
  it('shows containment, hand-off reasons and corrections for the period', async () => {
    const api = fakeApi({
      'GET /api/assist/metrics': [200, {
        questions: 10, consultations: 8, answered: 6, handed_off: 4, containment: 0.75, corrections: 1, correction_rate: 1 / 6,
        handoff_reasons: [{ code: 'low_confidence', label: '知识库中没有足够可靠的答案', count: 3 }], from_public: 7, from_staff: 3,
      }],
    })
    const w = mount(AssistMetricsPanel, { props: { params: { from: '2026-11-01', to: '2026-12-01', region: 'XD.A' } } })
    await settle(2)
    expect(api.calls.find((c) => c.key === 'GET /api/assist/metrics').query).toEqual({ from: '2026-11-01', to: '2026-12-01' })
    expect(w.find('[data-testid="dash-assist-containment"]').text()).toContain('75%')
    expect(w.text()).toContain('6 / 8')
    expect(w.text()).toContain('知识库中没有足够可靠的答案：3')
    expect(w.text()).toContain('17%')
  })
  it('shows — when there were no consultations', async () => {
    fakeApi({ 'GET /api/assist/metrics': [200, { questions: 0, consultations: 0, answered: 0, handed_off: 0, containment: null, corrections: 0, correction_rate: null, handoff_reasons: [] }] })
    const w = mount(AssistMetricsPanel)
    await settle(2)
    expect(w.find('[data-testid="dash-assist-containment"]').text()).toContain('—')
  })
})

describe('KnowledgeView', () => {
  const draft = { ...ENTRY, id: 9, version: 2, status: 'draft', status_label: '草稿', owner_unit: 'XD.A.A3/zjj', editable: true, published_version: 1,
    versions: [{ ...ENTRY, id: 9, status: 'published', status_label: '已发布', editor: 'zhujian_a3' }, { ...ENTRY, id: 9, version: 2, status: 'draft', status_label: '草稿', answer: '第二版。', editor: 'zhujian_a3' }] }

  it('lists entries, opens one with its history and lets a supervisor publish the draft', async () => {
    session.user = { username: 'duban', role: 'supervisor' }
    const api = fakeApi({
      'GET /api/kb/entries': [200, { items: [draft], total: 1, limit: 100, offset: 0 }],
      'GET /api/kb/entries/9': [200, draft],
      'POST /api/kb/entries/9/publish': [200, { ...draft, status: 'published', status_label: '已发布', published_version: 2 }],
    })
    const w = mount(KnowledgeView, stubs)
    await settle(2)
    expect(w.text()).toContain('共 1 条')
    expect(w.find('[data-testid="kb-new"]').exists()).toBe(false) // supervisors review, units write
    await w.find('[data-testid="kb-row-9"]').trigger('click')
    await settle(2)
    const detail = w.find('[data-testid="kb-detail"]')
    expect(detail.text()).toContain('已发布版本：第 1 版')
    expect(w.find('[data-testid="kb-versions"]').text()).toContain('第二版。')
    await w.find('[data-testid="kb-publish"]').trigger('click')
    await settle(2)
    expect(api.calls.find((c) => c.key === 'POST /api/kb/entries/9/publish').body).toEqual({ version: 2 })
    expect(w.find('[data-testid="kb-notice"]').text()).toContain('已发布第 2 版')
  })

  it('lets a unit handler edit: the form saves a new version, the server\'s error is shown', async () => {
    session.user = { username: 'zhujian_a3', role: 'unit_handler', unit_code: 'XD.A.A3/zjj' }
    let edits = 0
    const api = fakeApi({
      'GET /api/kb/entries': [200, { items: [draft], total: 1 }],
      'GET /api/kb/entries/9': [200, draft],
      'POST /api/kb/entries/9/versions': () => (++edits === 1
        ? [400, { error: { code: 'invalid_argument', message: '知识条目没有答案' } }]
        : [201, { ...draft, version: 3 }]),
    })
    const w = mount(KnowledgeView, stubs)
    await settle(2)
    await w.find('[data-testid="kb-row-9"]').trigger('click')
    await settle(2)
    expect(w.find('[data-testid="kb-publish"]').exists()).toBe(false)
    await w.find('[data-testid="kb-edit"]').trigger('click')
    await w.find('[data-testid="kb-f-answer"]').setValue('')
    await w.find('[data-testid="kb-form"] form').trigger('submit')
    await settle(2)
    expect(w.find('[data-testid="kb-form-error"]').text()).toContain('知识条目没有答案')
    await w.find('[data-testid="kb-f-answer"]').setValue('第三版。')
    await w.find('[data-testid="kb-f-questions"]').setValue('社保卡丢了怎么补办\n补办社保卡')
    await w.find('[data-testid="kb-form"] form').trigger('submit')
    await settle(2)
    const body = api.calls.filter((c) => c.key === 'POST /api/kb/entries/9/versions')[1].body
    expect(body).toMatchObject({ answer: '第三版。', questions: ['社保卡丢了怎么补办', '补办社保卡'], owner_unit: 'XD.A.A3/zjj', tags: ['社保'] })
    expect(w.find('[data-testid="kb-notice"]').text()).toContain('第 3 版草稿')
  })
})
