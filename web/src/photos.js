// Citizens' photos (issue 7 item 8): the limits the server enforces
// (POST /api/public/tickets/{number}/photos), checked in the browser first.
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

// Splits `files` (a FileList or array) into those that may join the `count` already
// chosen and the zh-CN reasons for the others.
export function checkPhotos(files, count) {
  const accepted = []
  const errors = []
  for (const f of Array.from(files || [])) {
    if (!PHOTO_TYPES.includes(f.type)) {
      errors.push(`“${f.name}”不是 JPEG、PNG 或 WebP 图片`)
    } else if (f.size > MAX_PHOTO_BYTES) {
      errors.push(`“${f.name}”超过 5 MB，请压缩后再选`)
    } else if (count + accepted.length >= MAX_PHOTOS) {
      errors.push(`最多只能添加 ${MAX_PHOTOS} 张照片，“${f.name}”未添加`)
    } else {
      accepted.push(f)
    }
  }
  return { accepted, errors }
}

export function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
