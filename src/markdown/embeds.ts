/**
 * The page URL of an embedded player, which Medium turns back into an embed
 * when it stands alone on a line: `<iframe>` players of YouTube, Vimeo,
 * CodePen and GitHub Gist, and Gist's `<script>` embed.
 */

export interface Embed {
  /** Who serves it, for messages ("YouTube"). */
  service: string
  /** The page URL Medium embeds. */
  url: string
}

/** The embed an `<iframe src>` or `<script src>` shows, or undefined for anything else. */
export function embedOf(tagName: string, src: string): Embed | undefined {
  let url: URL
  try {
    url = new URL(src.trim(), 'https://embed.invalid')
  } catch {
    return undefined
  }
  if (url.hostname === 'embed.invalid' || !/^https?:$/.test(url.protocol)) return undefined
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  const path = url.pathname.split('/').filter(Boolean)
  if (tagName === 'script') {
    const gist = host === 'gist.github.com' && path.length === 2 && /^([\da-f]+)\.js$/i.exec(path[1]!)
    return gist ? { service: 'GitHub Gist', url: `https://gist.github.com/${path[0]}/${gist[1]}` } : undefined
  }
  if (tagName !== 'iframe') return undefined

  if ((host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'm.youtube.com') && path[0] === 'embed' && path[1]) {
    const list = url.searchParams.get('list')
    if (path[1] === 'videoseries')
      return list ? { service: 'YouTube', url: `https://www.youtube.com/playlist?list=${encodeURIComponent(list)}` } : undefined
    const page = new URL('https://www.youtube.com/watch')
    page.searchParams.set('v', path[1])
    if (list) page.searchParams.set('list', list)
    const start = url.searchParams.get('start')
    if (start && /^\d+$/.test(start)) page.searchParams.set('t', `${start}s`)
    return { service: 'YouTube', url: page.href }
  }
  if (host === 'player.vimeo.com' && path[0] === 'video' && /^\d+$/.test(path[1] ?? '')) {
    const hash = url.searchParams.get('h')
    return { service: 'Vimeo', url: `https://vimeo.com/${path[1]}${hash && /^\w+$/.test(hash) ? `/${hash}` : ''}` }
  }
  if (host === 'codepen.io' && path[1] === 'embed' && path.length >= 3) {
    const id = path[2] === 'preview' ? path[3] : path[2]
    return id ? { service: 'CodePen', url: `https://codepen.io/${path[0]}/pen/${id}` } : undefined
  }
  if (host === 'gist.github.com' && path.length === 2) {
    const id = /^([\da-f]+)(?:\.pibb|\.js)?$/i.exec(path[1]!)
    return id ? { service: 'GitHub Gist', url: `https://gist.github.com/${path[0]}/${id[1]}` } : undefined
  }
  return undefined
}
