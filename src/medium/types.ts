/** Medium's API objects, as documented at github.com/Medium/medium-api-docs. */
import type { PostFields } from '../core/fields.js'

/** `GET /v1/me`. */
export interface MediumUser {
  id: string
  username: string
  name: string
  url: string
  imageUrl: string
}

/** Where a post is created: the user's profile or a publication. */
export type PostTarget = { userId: string } | { publicationId: string }

/** The JSON body of a create-post request. */
export interface CreatePostFields extends PostFields {
  contentFormat: 'html'
  content: string
}

/** The Post object Medium answers a create with. */
export interface MediumPost {
  /** 12 lowercase hex characters. */
  id: string
  title: string
  authorId: string
  tags: string[]
  url: string
  canonicalUrl?: string
  publishStatus: string
  /** Milliseconds since the epoch; absent for drafts. */
  publishedAt?: number
  license: string
  licenseUrl: string
  /** Present when created in a publication. */
  publicationId?: string
}

/** `POST /v1/images`. */
export interface MediumImage {
  url: string
  /** Medium's MD5 of the bytes (base64url of the digest). */
  md5: string
}

export interface ImageUpload {
  bytes: Uint8Array
  /** `image/jpeg`, `image/png`, `image/gif` or `image/tiff`. */
  contentType: string
  filename: string
}

/** `GET /v1/users/{userId}/publications`: a publication the user subscribes to, writes for or edits. */
export interface MediumPublication {
  id: string
  name: string
  description: string
  url: string
  imageUrl: string
}

export type ContributorRole = 'editor' | 'writer'

/** `GET /v1/publications/{publicationId}/contributors`. */
export interface MediumContributor {
  publicationId: string
  userId: string
  role: ContributorRole
}
