/** The fixed vocabularies of the configuration (Medium's values, our modes and keys). */
export type PublishStatus = 'draft' | 'public' | 'unlisted'
export const PUBLISH_STATUSES: readonly PublishStatus[] = ['draft', 'public', 'unlisted']

export const LICENSES = [
  'all-rights-reserved',
  'cc-40-by',
  'cc-40-by-sa',
  'cc-40-by-nd',
  'cc-40-by-nc',
  'cc-40-by-nc-nd',
  'cc-40-by-nc-sa',
  'cc-40-zero',
  'public-domain',
] as const
export type License = (typeof LICENSES)[number]

export type ImagesMode = 'upload' | 'link' | 'auto'
export type WriteBack = 'commit' | 'files' | 'none'

/** Front-matter key written when a publish request's outcome is unknown (DESIGN.md failure rule 4). */
export const PUBLISH_ATTEMPT_KEY = 'mediumPublishAttempt'

/** The image types Medium accepts (its /v1/images endpoint and image import), by file extension. */
export const MEDIUM_IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
}
