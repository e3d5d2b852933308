// The portal's photo picker (issue 7 item 8): checks before upload, preview and removal,
// and SubmitForm uploading the chosen photos with the query code after the ticket exists.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import PhotoPicker from '../../src/components/PhotoPicker.vue'
import SubmitForm from '../../src/components/SubmitForm.vue'
import { checkPhotos, MAX_PHOTO_BYTES } from '../../src/photos.js'
import { careMode } from '../../src/care.js'
import { clearReferenceCache } from '../../src/reference.js'
import { fakeApi, settle } from './helpers.js'

const photo = (name, type = 'image/png', size = 1000) => new File([new Uint8Array(size)], name, { type })

async function choose(wrapper, files) {
  const el = wrapper.find('[data-testid="photo-input"]')
  Object.defineProperty(el.element, 'files', { value: files, configurable: true })
  await el.trigger('change')
}

describe('checkPhotos', () => {
  it('refuses other types, files over 5 MB and a fourth photo, with reasons', () => {
    const { accepted, errors } = checkPhotos(
      [photo('a.png'), photo('b.gif', 'image/gif'), photo('c.jpg', 'image/jpeg', MAX_PHOTO_BYTES + 1),
       photo('d.webp', 'image/webp'), photo('e.jpg', 'image/jpeg'), photo('f.png')],
      0,
    )
    expect(accepted.map((f) => f.name)).toEqual(['a.png', 'd.webp', 'e.jpg'])
    expect(errors).toEqual([
      '“b.gif”不是 JPEG、PNG 或 WebP 图片',
      '“c.jpg”超过 5 MB，请压缩后再选',
      '最多只能添加 3 张照片，“f.png”未添加',
    ])
    expect(checkPhotos([photo('x.png', 'image/png', MAX_PHOTO_BYTES)], 2).accepted).toHaveLength(1)
    expect(checkPhotos([photo('x.png')], 3).accepted).toHaveLength(0)
  })
})

describe('PhotoPicker', () => {
  beforeEach(() => {
    let n = 0
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => `blob:p${++n}`), revokeObjectURL: vi.fn() }))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('previews chosen photos with alt text and removes one by its labelled button', async () => {
    const w = mount(PhotoPicker, { attachTo: document.body })
    await choose(w, [photo('门口.png'), photo('路面.jpg', 'image/jpeg')])
    const imgs = w.findAll('.previews img')
    expect(imgs.map((i) => i.attributes('alt'))).toEqual(['第 1 张照片预览：门口.png', '第 2 张照片预览：路面.jpg'])
    const removes = w.findAll('[data-testid="photo-remove"]')
    expect(removes[0].attributes('aria-label')).toBe('移除第 1 张照片 门口.png')
    await removes[0].trigger('click')
    expect(w.vm.files().map((f) => f.name)).toEqual(['路面.jpg'])
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:p1')
  })

  it('announces refused files and disables itself at three', async () => {
    const w = mount(PhotoPicker, { attachTo: document.body })
    await choose(w, [photo('big.png', 'image/png', MAX_PHOTO_BYTES + 10), photo('doc.pdf', 'application/pdf')])
    expect(w.find('[role="alert"]').text()).toContain('超过 5 MB')
    expect(w.find('[role="alert"]').text()).toContain('不是 JPEG')
    expect(w.vm.files()).toHaveLength(0)
    await choose(w, [photo('1.png'), photo('2.png'), photo('3.png')])
    expect(w.find('[data-testid="photo-input"]').attributes('disabled')).toBeDefined()
    // The input is labelled (a real <label for>), so screen readers name it.
    expect(w.find('label[for="photo-input"]').text()).toBe('添加照片（选填）')
  })
})

describe('SubmitForm with photos', () => {
  beforeEach(() => {
    clearReferenceCache()
    careMode.value = false
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }))
  })
  afterEach(() => {
    document.body.innerHTML = ''
    careMode.value = false
  })

  for (const care of [false, true]) {
    it(`uploads each photo raw with the query code after submitting${care ? ' (关怀版)' : ''}`, async () => {
      careMode.value = care
      const api = fakeApi({
        'POST /api/public/tickets': [201, { number: 'XD-20261129-000001', query_code: 'K7M2QX' }],
        'POST /api/public/tickets/XD-20261129-000001/photos': (body) =>
          body.name === 'bad.png'
            ? [400, { error: { code: 'invalid_argument', message: '文件内容与声明的图片格式不符，请重新选择照片' } }]
            : [201, { photo: { id: 1 }, count: 1, max: 3 }],
      })
      const w = mount(SubmitForm, { attachTo: document.body })
      await settle()
      if (!care) await w.find('[data-testid="f-title"]').setValue('井盖缺失')
      await w.find('[data-testid="f-body"]').setValue('路口井盖丢了，很危险。')
      await w.find('[data-testid="f-phone"]').setValue('13800138000')
      w.findComponent({ name: 'ElCascader' }).vm.$emit('update:modelValue', ['XD.A', 'XD.A.A3'])
      await choose(w, [photo('good.jpg', 'image/jpeg'), photo('bad.png')])
      await w.find('form').trigger('submit')
      await settle()

      const uploads = api.posts().filter((c) => c.key.endsWith('/photos'))
      expect(uploads).toHaveLength(2)
      expect(uploads[0].query).toEqual({ code: 'K7M2QX' })
      expect(uploads[0].headers['Content-Type']).toBe('image/jpeg')
      expect(uploads[0].headers.Authorization).toBeUndefined()
      expect(uploads[0].body).toBeInstanceOf(File)
      const [result] = w.emitted('submitted')[0]
      expect(result.photos.uploaded).toBe(1)
      expect(result.photos.errors).toEqual(['照片“bad.png”未能上传：文件内容与声明的图片格式不符，请重新选择照片'])
    })
  }
})
