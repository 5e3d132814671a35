// WeChat content security (msgSecCheck v2) for every text a user writes, before anything is stored.
import { getCloud } from './cloud'
import { AppError } from './errors'

/** Scenes of msgSecCheck v2: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type SecScene = 1 | 2 | 3 | 4

export async function assertTextSafe(openid: string, scene: SecScene, ...texts: string[]) {
  const content = texts.filter(Boolean).join('\n')
  if (!content) return
  const res = await getCloud().openapi.security.msgSecCheck({ openid, scene, version: 2, content })
  if (res?.result?.suggest && res.result.suggest !== 'pass') {
    throw new AppError('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再提交')
  }
}
