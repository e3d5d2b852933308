// 我要反映: the citizen's submit form, in standard mode and in 关怀版.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SubmitForm from '../../src/components/SubmitForm.vue'
import { careMode } from '../../src/care.js'
import { clearReferenceCache } from '../../src/reference.js'
import { fakeApi, settle, errorsOf } from './helpers.js'

const CREATED = {
  number: 'XD-20261129-000001',
  query_code: 'K7M2QX',
  status: 'received',
  status_label: '已受理',
  message: '您的诉求已受理，请记下工单号和查询码以便查询办理进度。',
}

async function mountForm() {
  const wrapper = mount(SubmitForm, { attachTo: document.body })
  await settle()
  return wrapper
}

const input = (w, id) => w.find(`[data-testid="${id}"]`)

describe('SubmitForm', () => {
  beforeEach(() => {
    clearReferenceCache()
    careMode.value = false
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('builds the region cascader from /api/regions, with the cities at the top', async () => {
    fakeApi()
    const w = await mountForm()
    const options = w.findComponent({ name: 'ElCascader' }).props('options')
    expect(options.map((o) => o.label)).toEqual(['A市', 'B市'])
    expect(options[0].children.map((o) => o.value)).toEqual(['XD.A.A1', 'XD.A.A3'])
  })

  it('refuses to submit without content, region and phone, and says why', async () => {
    const api = fakeApi()
    const w = await mountForm()
    await w.find('form').trigger('submit')
    await settle()
    const errors = errorsOf(w)
    expect(errors).toContain('请填写诉求标题')
    expect(errors).toContain('请填写诉求内容')
    expect(errors).toContain('请选择所在区域')
    expect(errors).toContain('请填写联系电话')
    expect(api.posts()).toHaveLength(0)
  })

  it('checks the phone number the way the server does', async () => {
    fakeApi()
    const w = await mountForm()
    await input(w, 'f-phone').setValue('call me')
    await w.find('form').trigger('submit')
    await settle()
    expect(errorsOf(w)).toContain('联系电话只能包含数字、空格、+ 和 -')
  })

  it('posts the request with the district code and emits the number and query code', async () => {
    const api = fakeApi({ 'POST /api/public/tickets': [201, CREATED] })
    const w = await mountForm()
    await input(w, 'f-title').setValue('  小区路灯不亮  ')
    await input(w, 'f-body').setValue('幸福小区 3 栋门口路灯坏了一周，晚上很黑。')
    await input(w, 'f-address').setValue('幸福小区 3 栋')
    await input(w, 'f-phone').setValue('13800138000')
    await input(w, 'f-name').setValue('张先生')
    w.findComponent({ name: 'ElCascader' }).vm.$emit('update:modelValue', ['XD.A', 'XD.A.A3'])
    await w.find('input[type="radio"][value="complaint"]').setValue(true)
    await w.find('form').trigger('submit')
    await settle()

    expect(api.posts()).toHaveLength(1)
    const sent = api.posts()[0]
    expect(sent.key).toBe('POST /api/public/tickets')
    expect(sent.body).toEqual({
      title: '小区路灯不亮',
      body: '幸福小区 3 栋门口路灯坏了一周，晚上很黑。',
      phone: '13800138000',
      name: '张先生',
      region: 'XD.A.A3',
      address: '幸福小区 3 栋',
      kind: 'complaint',
    })
    expect(sent.headers.Authorization).toBeUndefined() // the public portal never sends a token
    expect(w.emitted('submitted')[0][0]).toEqual(CREATED)
  })

  it("shows the server's Chinese error message", async () => {
    fakeApi({
      'POST /api/public/tickets': [400, { error: { code: 'invalid_argument', message: '联系电话长度不正确' } }],
    })
    const w = await mountForm()
    await input(w, 'f-title').setValue('噪音扰民')
    await input(w, 'f-body').setValue('楼下商铺每晚音响很吵')
    await input(w, 'f-phone').setValue('12345')
    w.findComponent({ name: 'ElCascader' }).vm.$emit('update:modelValue', ['XD.A', 'XD.A.A1'])
    await w.find('form').trigger('submit')
    await settle()
    const alert = w.find('[role="alert"]') // announced by screen readers
    expect(alert.exists()).toBe(true)
    expect(alert.text()).toContain('联系电话长度不正确')
    expect(w.emitted('submitted')).toBeUndefined()
  })

  it('in 关怀版 asks only for content, region and phone, and derives the title', async () => {
    careMode.value = true
    const api = fakeApi({ 'POST /api/public/tickets': [201, CREATED] })
    const w = await mountForm()
    expect(input(w, 'f-title').exists()).toBe(false)
    expect(input(w, 'f-name').exists()).toBe(false)
    expect(input(w, 'f-address').exists()).toBe(false)
    expect(w.find('[data-testid="f-kind"]').exists()).toBe(false)

    await input(w, 'f-body').setValue('家里停水两天了。请尽快派人来修。')
    await input(w, 'f-phone').setValue('0731-1234567')
    w.findComponent({ name: 'ElCascader' }).vm.$emit('update:modelValue', ['XD.A', 'XD.A.A1'])
    await w.find('form').trigger('submit')
    await settle()
    expect(api.posts()[0].body).toEqual({
      title: '家里停水两天了',
      body: '家里停水两天了。请尽快派人来修。',
      phone: '0731-1234567',
      region: 'XD.A.A1',
    })

    await w.find('[data-testid="show-more"]').trigger('click')
    expect(input(w, 'f-title').exists()).toBe(true)
    expect(input(w, 'f-name').exists()).toBe(true)
  })
})
