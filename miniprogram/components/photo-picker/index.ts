// Attach photos to a form: pick, upload at once, show thumbnails with 删除; the page receives only file ids.
// With `readonly` it only shows stored photos (a record, an appeal); a tapped thumbnail opens full screen.
import { defineComponent } from '../../utils/define'
import { choosePhotos, photoSrc, uploadPhoto } from '../../utils/upload'

type Photo = { id: string; src: string }
export type Data = { photos: Photo[]; uploading: boolean }
type IndexTap = WechatMiniprogram.TouchEvent<object, object, { index: number }>

/** The `change` event's detail: the ids to send, and whether an upload is still running (hold the submit). */
export type PhotosChange = { ids: string[]; uploading: boolean }

defineComponent<Data>()({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    max: { type: Number, value: 9 },
    /** Cloud storage folder, e.g. `news`. */
    folder: { type: String, value: 'photos' },
    /** Photos already attached (editing); the picker reports every change back through `change`. */
    ids: { type: Array, value: [] as string[] },
    addLabel: { type: String, value: '添加照片' },
    /** Show `ids` without adding or removing. */
    readonly: { type: Boolean, value: false },
  },
  data: { photos: [], uploading: false },

  observers: {
    ids(ids: string[]) {
      if (ids.join('\n') === this.data.photos.map((p) => p.id).join('\n')) return
      this.setData({ photos: ids.map((id) => ({ id, src: photoSrc(id) })) })
    },
  },

  methods: {
    async onAdd(): Promise<void> {
      const { photos, uploading } = this.data
      const room = this.properties.max - photos.length
      if (uploading || room <= 0) return
      let paths: string[]
      try {
        paths = await choosePhotos(room)
      } catch {
        wx.showToast({ title: '没能打开相册，请检查权限', icon: 'none' })
        return
      }
      if (!paths.length) return
      this.setData({ uploading: true })
      this.emit()
      const results = await Promise.allSettled(
        paths.map((path) => uploadPhoto(path, this.properties.folder)),
      )
      const added = paths.flatMap((src, i) => {
        const r = results[i]
        return r.status === 'fulfilled' ? [{ id: r.value, src }] : []
      })
      this.setData({
        photos: [...this.data.photos, ...added].slice(0, this.properties.max),
        uploading: false,
      })
      if (added.length < paths.length)
        wx.showToast({ title: '有照片没传上去，请重试', icon: 'none' })
      this.emit()
    },

    onPreview(e: IndexTap) {
      const urls = this.data.photos.map((p) => p.src)
      wx.previewImage({ current: urls[e.currentTarget.dataset.index], urls })
    },

    onRemove(e: IndexTap) {
      const photos = this.data.photos.filter((_, i) => i !== e.currentTarget.dataset.index)
      this.setData({ photos })
      this.emit()
    },

    emit() {
      const detail: PhotosChange = {
        ids: this.data.photos.map((p) => p.id),
        uploading: this.data.uploading,
      }
      this.triggerEvent('change', detail)
    },
  },
})
