import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Diagnostic } from '../core/diagnostic.js'
import { MEDIUM_IMAGE_TYPES } from '../core/settings.js'
import type { LocalImageRef } from '../markdown/render-types.js'
import { realPathInside } from '../workspace-path.js'

export function imageContentType(imagePath: string): string | undefined {
  return MEDIUM_IMAGE_TYPES[path.extname(imagePath).toLowerCase()]
}

/**
 * Where each root-absolute image (`/images/a.png`) is: as the site's generator serves it, from its
 * static folders (Hugo `static/`, Astro/Next `public/`...) under the site's folder, else from the
 * repository root. Relative images (page bundles) stay relative to the article.
 */
export function locateImages(
  workspace: string,
  images: readonly LocalImageRef[],
  site: { root: string; staticDirs: readonly string[] },
): LocalImageRef[] {
  return images.map((image) => {
    if (!image.src.trim().startsWith('/')) return image
    for (const dir of site.staticDirs) {
      const candidate = path.posix.join(site.root, dir, image.path)
      if (candidate !== image.path && existsSync(path.join(workspace, candidate))) return { ...image, file: candidate }
    }
    return image
  })
}

/** Checks that each local image exists, is a file, and (symlinks resolved) stays inside the workspace. */
export async function checkLocalImages(workspace: string, articlePath: string, images: readonly LocalImageRef[]): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = []
  for (const image of images) {
    const absolute = path.join(workspace, image.file ?? image.path)
    const at = { path: articlePath, line: image.line, severity: 'error' as const }
    let isFile: boolean
    try {
      isFile = (await stat(absolute)).isFile() // follows symlinks: a dangling one is missing
    } catch {
      isFile = false
    }
    if (!isFile) {
      diagnostics.push({
        ...at,
        ruleId: 'image-missing',
        message: `Image '${image.src}' was not found (looked for '${image.path}' in the repository). Commit the image, or fix the path: relative paths start from the article's folder, '/…' from the repository root.`,
      })
      continue
    }
    if (!(await realPathInside(workspace, absolute))) {
      diagnostics.push({
        ...at,
        ruleId: 'image-outside-workspace',
        message: `Image '${image.src}' resolves outside the repository (through a symbolic link). Copy the image into the repository instead of linking to it.`,
      })
    }
  }
  return diagnostics
}

export async function readImage(workspace: string, imagePath: string): Promise<Uint8Array> {
  return readFile(path.join(workspace, imagePath))
}
