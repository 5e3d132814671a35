// The register form's own checks, a copy of typings/common.ts's PersonName and ChinesePhone (the package cannot
// ship zod) so mistakes show before a round trip. tests/unit/register-checks.test.ts holds the copy to the
// server's answers; the page is stricter only on invisible or compatibility characters the server would strip.
export type FieldErrors = { nameError: string; phoneError: string; placeError: string }

export function checkName(raw: string): string {
  const name = raw.trim()
  if (!name) return '请填写姓名'
  if (name.length < 2) return '姓名至少 2 个字'
  if (name.length > 20) return '姓名最多 20 个字'
  if (!/^[\u4e00-\u9fa5·A-Za-z ]+$/.test(name)) return '姓名只能包含中文、字母或间隔号'
  return ''
}

export function checkPhone(phone: string): string {
  return /^1[3-9]\d{9}$/.test(phone) ? '' : '请输入 11 位手机号'
}

export function checkForm(form: {
  kind: 'member' | 'resident'
  name: string
  phone: string
  placeId: string
}): FieldErrors {
  const missingPlace = form.kind === 'member' ? '请选择所在支部' : '请选择所在社区'
  return {
    nameError: checkName(form.name),
    phoneError: checkPhone(form.phone),
    placeError: form.placeId ? '' : missingPlace,
  }
}

/** Why 提交登记 is disabled ('' when it is not): the first thing not yet filled in (checkForm judges the rest). */
export function whyDisabled(form: {
  kind: 'member' | 'resident'
  name: string
  phone: string
  communityIndex: number
  branchIndex: number
}): string {
  if (!form.name.trim()) return '请先填写姓名'
  if (!form.phone) return '请先填写手机号'
  if (form.communityIndex < 0) return '请先选择所在社区'
  return form.kind === 'member' && form.branchIndex < 0 ? '请先选择所在支部' : ''
}
