import { imageInfo } from '../../../src/request/image-size.js'
import { gif, jpeg, png, webp } from '../../fixtures/images.js'

describe('imageInfo', () => {
  it.each([
    ['PNG', png(8000, 1)],
    ['JPEG', jpeg(8000, 1)],
    ['GIF', gif(8000, 1)],
    ['WebP VP8X', webp(8000, 1, 'VP8X')],
    ['WebP VP8L', webp(8000, 1, 'VP8L')],
    ['WebP VP8', webp(8000, 1, 'VP8 ')]
  ])('reads the size of %s', (_kind, data) => {
    expect(imageInfo(data)).toMatchObject({ width: 8000, height: 1 })
  })
  it('is undefined for anything else', () => {
    expect(imageInfo(Buffer.from('BM\0\0'))).toBeUndefined()
  })
})
