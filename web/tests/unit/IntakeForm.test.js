// 话务受理: the call-taker's intake form.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import IntakeForm from '../../src/components/IntakeForm.vue'
import { clearReferenceCache } from '../../src/reference.js'
import { setSession, clearSession } from '../../src/session.js'
import { fakeApi, settle, errorsOf } from './helpers.js'

const TICKET = {
  id: 7,
  number: 'XD-20261129-000007',
  query_code: 'ABC234',
  title: '路灯不亮',
  kind: 'help',
  kind_label: '求助',
  status: 'received',
  status_label: '已受理',
}

async function mountForm() {
  const wrapper = mount(IntakeForm, { attachTo: document.body })
  await settle()
  return wrapper
}

const input = (w, id) => w.find(`[data-testid="${id}"]`)
const cascaders = (w) => w.findAllComponents({ name: 'ElCascader' })

async function fillValid(w) {
  await input(w, 'i-name').setValue('王女士')
  await input(w, 'i-phone').setValue('13900001111')
  await input(w, 'i-when').setValue('每晚 10 点后')
  await input(w, 'i-address').setValue('幸福路 8 号')
  await input(w, 'i-title').setValue('路灯不亮')
  await input(w, 'i-body').setValue('幸福路 8 号门口路灯不亮，请尽快维修。')
  cascaders(w)[0].vm.$emit('update:modelValue', ['XD.A', 'XD.A.A3'])
  cascaders(w)[1].vm.$emit('update:modelValue', ['01', '01.02', '01.02.003'])
  await w.find('[data-testid="i-kind"] input[value="help"]').setValue(true)
  await w.find('[data-testid="i-urgency"] input[value="urgent"]').setValue(true)
}

describe('IntakeForm', () => {
  beforeEach(() => {
    clearReferenceCache()
    setSession({ token: 'tok-huawu', expires_at: '2099-01-01T00:00:00+08:00', user: { username: 'huawu', role: 'call_taker' } })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    clearSession()
    document.body.innerHTML = ''
  })

  it('loads regions and the three-level category tree', async () => {
    fakeApi()
    const w = await mountForm()
    const [region, category] = cascaders(w)
    expect(region.props('options').map((o) => o.value)).toEqual(['XD.A', 'XD.B'])
    expect(category.props('options')[0].children[0].children[0]).toEqual({ value: '01.02.003', label: '路灯照明' })
  })

  it('requires title, content, region and kind (五要素) before sending anything', async () => {
    const api = fakeApi()
    const w = await mountForm()
    await w.find('form').trigger('submit')
    await settle()
    const errors = errorsOf(w)
    expect(errors).toEqual(expect.arrayContaining(['请选择属地', '请填写标题', '请填写诉求内容', '请选择诉求类型']))
    expect(errors).not.toContain('请填写联系电话') // a caller may withhold the number
    expect(api.posts()).toHaveLength(0)
  })

  it('records the call with the staff token and emits the number and query code', async () => {
    const api = fakeApi({ 'POST /api/tickets': [201, TICKET] })
    const w = await mountForm()
    await fillValid(w)
    await w.find('form').trigger('submit')
    await settle()
    const sent = api.posts()[0]
    expect(sent.key).toBe('POST /api/tickets')
    expect(sent.headers.Authorization).toBe('Bearer tok-huawu')
    expect(sent.body).toEqual({
      name: '王女士',
      phone: '13900001111',
      region: 'XD.A.A3',
      address: '幸福路 8 号',
      title: '路灯不亮',
      body: '【事发时间】每晚 10 点后\n幸福路 8 号门口路灯不亮，请尽快维修。',
      kind: 'help',
      urgency: 'urgent',
      category: '01.02.003',
    })
    expect(w.emitted('created')[0][0]).toEqual(TICKET)
    // ready for the next call
    expect(input(w, 'i-title').element.value).toBe('')
    expect(w.vm.model.urgency).toBe('normal')
  })

  it('submits with Ctrl+Enter from any field', async () => {
    const api = fakeApi({ 'POST /api/tickets': [201, TICKET] })
    const w = await mountForm()
    await fillValid(w)
    await input(w, 'i-body').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await settle()
    expect(api.posts()).toHaveLength(1)
  })

  it("shows the server's refusal in Chinese and keeps what was typed", async () => {
    fakeApi({
      'POST /api/tickets': [403, { error: { code: 'permission_denied', message: '只有话务员、派单员和管理员可以登记工单' } }],
    })
    const w = await mountForm()
    await fillValid(w)
    await w.find('form').trigger('submit')
    await settle()
    expect(w.find('[data-testid="intake-error"]').text()).toContain('只有话务员、派单员和管理员可以登记工单')
    expect(input(w, 'i-title').element.value).toBe('路灯不亮')
    expect(w.emitted('created')).toBeUndefined()
  })
})
