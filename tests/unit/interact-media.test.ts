import { mediaStatusOf, visibleImages } from '../../cloudfunctions/interact/src/domain'

describe('mediaStatusOf', () => {
  const ids = ['t1', 't2']

  test('stays pending until every image has a result', () => {
    expect(mediaStatusOf(ids)).toBe('pending')
    expect(mediaStatusOf(ids, { t2: 'pass' })).toBe('pending')
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'pass' })).toBe('pass')
  })

  test('one risky image makes the whole post risky, in whichever order results came', () => {
    expect(mediaStatusOf(ids, { t2: 'risky' })).toBe('risky')
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'risky' })).toBe('risky')
  })

  test('an image WeChat wants reviewed keeps the post pending', () => {
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'review' })).toBe('pending')
  })

  test('results for trace ids the post no longer has are ignored', () => {
    expect(mediaStatusOf(['t3'], { t1: 'risky', t3: 'pass' })).toBe('pass')
  })
})

describe('visibleImages', () => {
  const images = ['cloud://e/a.jpg']
  const media = (status: 'pending' | 'pass' | 'risky') => ({ status, traceIds: ['t1'] })

  test('readers see images only once the check passed', () => {
    expect(visibleImages(images, media('pending'), false)).toEqual([])
    expect(visibleImages(images, media('pass'), false)).toEqual(images)
  })

  test('the author sees their pending images, but risky ones nobody sees', () => {
    expect(visibleImages(images, media('pending'), true)).toEqual(images)
    expect(visibleImages(images, media('risky'), true)).toEqual([])
  })

  test('images that never went through the check are not shown', () => {
    expect(visibleImages(images, undefined, true)).toEqual([])
  })
})
