// The workflow actions beyond 派单 and 签收/答复/办结: one form per allowed action.
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ActionPanel from '../../src/components/ActionPanel.vue'
import { fakeApi, settle } from './helpers.js'

const TICKET = {
  id: 9,
  number: 'XD-20261201-000009',
  region: 'XD.A.A3',
  status: 'accepted',
  due_at: '2026-12-03T18:00:00+08:00',
  allowed_actions: ['reply', 'contact', 'return_request', 'extension_request', 'note'],
}

afterEach(() => vi.unstubAllGlobals())

const open = async (w, name) => {
  await w.find(`[data-testid="act-${name}"]`).trigger('click')
  await settle(1)
}

describe('ActionPanel', () => {
  it('offers only the allowed actions that have no panel of their own', () => {
    fakeApi()
    const w = mount(ActionPanel, { props: { ticket: TICKET } })
    const names = w.findAll('[data-testid^="act-"]').map((b) => b.attributes('data-testid'))
    expect(names).toEqual(['act-contact', 'act-return_request', 'act-extension_request', 'act-note'])
  })

  it('asks a return with its reason and evidence, sending nothing while one is missing', async () => {
    const api = fakeApi({ 'POST /api/tickets/9/return_request': (body) => [200, { ...TICKET, status: 'return_requested', body }] })
    const w = mount(ActionPanel, { props: { ticket: TICKET } })
    await open(w, 'return_request')
    await w.find('[data-testid="act-return_request-reason"]').setValue('职能不符')
    await w.find('[data-testid="act-form-return_request"]').trigger('submit')
    await settle(1)
    expect(w.find('[data-testid="action-error"]').text()).toContain('请填写「依据与说明」')
    expect(api.posts()).toHaveLength(0)
    await w.find('[data-testid="act-return_request-content"]').setValue('  噪音执法属城管  ')
    await w.find('[data-testid="act-form-return_request"]').trigger('submit')
    await settle()
    expect(api.posts()[0].body).toEqual({ reason: '职能不符', content: '噪音执法属城管' })
    const [updated, message] = w.emitted('done')[0]
    expect(updated.status).toBe('return_requested')
    expect(message).toBe('已申请退单')
  })

  it('offers one more day for an extension and sends the deadline in CST', async () => {
    const api = fakeApi({ 'POST /api/tickets/9/extension_request': [200, { ...TICKET, status: 'extension_requested' }] })
    const w = mount(ActionPanel, { props: { ticket: TICKET } })
    await open(w, 'extension_request')
    expect(w.find('[data-testid="act-extension_request-due_at"]').element.value).toBe('2026-12-04T18:00')
    await w.find('[data-testid="act-extension_request-reason"]').setValue('需要厂家调货')
    await w.find('[data-testid="act-form-extension_request"]').trigger('submit')
    await settle()
    expect(api.posts()[0].body).toEqual({ reason: '需要厂家调货', due_at: '2026-12-04T18:00:00+08:00' })
  })

  it('records a revisit with a boolean and a satisfaction, and shows the server refusal', async () => {
    const api = fakeApi({ 'POST /api/tickets/9/revisit': [409, { error: { code: 'failed_precondition', message: '工单状态为「已签收」，不能回访' } }] })
    const w = mount(ActionPanel, { props: { ticket: { ...TICKET, allowed_actions: ['revisit'] } } })
    await open(w, 'revisit')
    await w.find('[data-testid="act-revisit-resolved"] input[value="no"]').setValue(true)
    await w.find('[data-testid="act-revisit-satisfaction"] input[value="unsatisfied"]').setValue(true)
    await w.find('[data-testid="act-form-revisit"]').trigger('submit')
    await settle()
    expect(api.posts()[0].body).toEqual({ resolved: false, satisfaction: 'unsatisfied' })
    expect(w.find('[data-testid="action-error"]').text()).toContain('不能回访')
    expect(w.emitted('done')).toBeUndefined()
  })
})
