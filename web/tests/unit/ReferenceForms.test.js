// The reference-data forms (issue 7 item 7): each checks what the server would refuse,
// says why (announced), and emits what the API takes; existing items keep their codes.
import { describe, it, expect, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import UnitForm from '../../src/components/reference/UnitForm.vue'
import TreeItemForm from '../../src/components/reference/TreeItemForm.vue'
import DutyRuleForm from '../../src/components/reference/DutyRuleForm.vue'
import SlaRuleForm from '../../src/components/reference/SlaRuleForm.vue'
import CalendarDayForm from '../../src/components/reference/CalendarDayForm.vue'
import { REGIONS, CATEGORIES, settle } from './helpers.js'

const regions = REGIONS.map((r) => ({ ...r }))
const categories = CATEGORIES.map((c) => ({ ...c }))
const problems = (w) => w.findAll('[data-testid="form-problem"]').map((p) => p.text())
const save = async (w) => {
  await w.find('form').trigger('submit')
  await settle(1)
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('UnitForm', () => {
  it('builds a new unit code from region and type and refuses a bad type', async () => {
    const w = mount(UnitForm, { props: { regions }, attachTo: document.body })
    await w.find('[data-testid="unit-region"]').setValue('XD.A.A3')
    await w.find('[data-testid="unit-type"]').setValue('ZJJ')
    await w.find('[data-testid="unit-name"]').setValue('A3区住建局')
    await save(w)
    expect(problems(w)).toEqual(['单位类型应为小写字母开头的小写字母、数字或下划线，如 zjj'])
    expect(w.emitted('submit')).toBeUndefined()
    await w.find('[data-testid="unit-type"]').setValue('zjj')
    expect(w.find('[data-testid="unit-code"]').text()).toBe('XD.A.A3/zjj')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ code: 'XD.A.A3/zjj', name: 'A3区住建局', unit_type: 'zjj', region: 'XD.A.A3' })
  })

  it('edits only the name of an existing unit, and shows the server error', async () => {
    const unit = { code: 'XD.A.A3/zjj', name: 'A3区住建局', unit_type: 'zjj', region: 'XD.A.A3' }
    const w = mount(UnitForm, { props: { unit, regions, error: '只有管理员可以修改承办单位' }, attachTo: document.body })
    expect(w.find('[data-testid="unit-region"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="unit-type"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="form-error"]').text()).toBe('只有管理员可以修改承办单位')
    await w.find('[data-testid="unit-name"]').setValue('  ')
    await save(w)
    expect(problems(w)).toEqual(['请填写单位名称'])
    await w.find('[data-testid="unit-name"]').setValue('A3区住房和城乡建设委员会')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ ...unit, name: 'A3区住房和城乡建设委员会' })
    // Labels name every field for screen readers.
    for (const id of ['unit-region', 'unit-type', 'unit-name']) expect(w.find(`label[for="${id}"]`).exists()).toBe(true)
  })
})

describe('TreeItemForm', () => {
  it('puts a new region one level below its parent with the parent code as prefix', async () => {
    const w = mount(TreeItemForm, { props: { kind: 'region', items: regions }, attachTo: document.body })
    await save(w)
    expect(problems(w)).toContain('请选择上级区域')
    await w.find('[data-testid="region-parent"]').setValue('XD.A.A3')
    await w.find('[data-testid="region-segment"]').setValue('X1')
    await w.find('[data-testid="region-name"]').setValue('新设街道')
    expect(w.find('[data-testid="region-code"]').text()).toBe('XD.A.A3.X1')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ code: 'XD.A.A3.X1', name: '新设街道', parent: 'XD.A.A3', level: 'street' })
  })

  it('renames an existing category without moving it; a level-1 category needs no parent', async () => {
    const existing = mount(TreeItemForm, { props: { kind: 'category', items: categories, item: categories[1] }, attachTo: document.body })
    expect(existing.find('[data-testid="category-parent"]').exists()).toBe(false)
    await existing.find('[data-testid="category-name"]').setValue('市政公用设施')
    await save(existing)
    expect(existing.emitted('submit')[0][0]).toEqual({ code: '01.02', name: '市政公用设施', parent: '01', level: 2 })
    const top = mount(TreeItemForm, { props: { kind: 'category', items: categories }, attachTo: document.body })
    await top.find('[data-testid="category-segment"]').setValue('1a')
    await top.find('[data-testid="category-name"]').setValue('新分类')
    await save(top)
    expect(problems(top)).toEqual(['编码末段应为 1–4 位数字'])
    await top.find('[data-testid="category-segment"]').setValue('16')
    await save(top)
    expect(top.emitted('submit')[0][0]).toEqual({ code: '16', name: '新分类', parent: '', level: 1 })
  })
})

describe('DutyRuleForm', () => {
  it('emits the rule with normalised keywords; requires category and unit type', async () => {
    const w = mount(DutyRuleForm, { props: { categories, unitTypes: ['cg', 'zjj'] }, attachTo: document.body })
    await save(w)
    expect(problems(w)).toEqual(['请选择分类', '请选择承办单位类型'])
    await w.find('[data-testid="duty-category"]').setValue('01.02')
    await w.find('[data-testid="duty-type"]').setValue('cg')
    await w.find('[data-testid="duty-level"]').setValue('street')
    await w.find('[data-testid="duty-keywords"]').setValue('  井盖   窨井 ')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ category_code: '01.02', unit_type: 'cg', region_level: 'street', keywords: '井盖 窨井' })
  })

  it('starts from the rule being edited', async () => {
    const rule = { category_code: '01', unit_type: 'zjj', region_level: 'city', keywords: '漏水' }
    const w = mount(DutyRuleForm, { props: { rule, categories, unitTypes: ['cg', 'zjj'] }, attachTo: document.body })
    await w.find('[data-testid="duty-keywords"]').setValue('漏水 渗水')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ ...rule, keywords: '漏水 渗水' })
  })
})

describe('SlaRuleForm', () => {
  it('says a change applies only to deadlines computed after it, and checks the amount and prefixes', async () => {
    const w = mount(SlaRuleForm, { attachTo: document.body })
    expect(w.text()).toContain('修改只影响此后计算的办理时限')
    await w.find('[data-testid="sla-amount"]').setValue('0')
    await w.find('[data-testid="sla-region"]').setValue('XD..A')
    await save(w)
    expect(problems(w)).toEqual(['时长应为 1 到 10000 的整数', '属地前缀应为代码前缀或 *'])
    await w.find('[data-testid="sla-amount"]').setValue('5')
    await w.find('[data-testid="sla-region"]').setValue('XD.A.A3')
    await w.find('[data-testid="sla-unit"]').setValue('working_days')
    await w.find('[data-testid="sla-urgency"]').setValue('urgent')
    await w.find('[data-testid="sla-note"]').setValue('A3区紧急诉求 5 个工作日')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({
      rule: 'deadline', kind: '*', urgency: 'urgent', category: '*', region: 'XD.A.A3', amount: 5, unit: 'working_days', note: 'A3区紧急诉求 5 个工作日',
    })
  })
})

describe('CalendarDayForm', () => {
  it('needs a date and emits a holiday or a 调休 working day', async () => {
    const w = mount(CalendarDayForm, { attachTo: document.body })
    await save(w)
    expect(problems(w)).toEqual(['请选择日期'])
    await w.find('[data-testid="day-date"]').setValue('2027-02-06')
    await w.find('[data-testid="day-type-workday"]').setValue(true)
    await w.find('[data-testid="day-note"]').setValue('春节调休')
    await save(w)
    expect(w.emitted('submit')[0][0]).toEqual({ date: '2027-02-06', type: 'workday', note: '春节调休' })
  })
})
