/**
 * micromark + mdast extension: admonition containers, as Docusaurus,
 * VitePress and remark-directive write them.
 *
 *     :::tip[Title]        :::warning Title        ::: info Custom title
 *     Markdown content     …                       …
 *     :::                  :::                     :::
 *
 * A fence of three or more colons opens; a line of at least as many colons
 * closes (so `::::` can hold a `:::`). The content is Markdown (a nested
 * document, like a blockquote's). The node keeps the rest of the opening
 * line (`info Custom title`, `tip[Title]{#id}`) for remark-admonitions.
 * Built on the model of micromark-extension-directive's container, which
 * accepts only `:::name[label]{attributes}` (no space, no bare title).
 */
import type { Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'
import type { BlockContent, DefinitionContent } from 'mdast'

export interface AdmonitionContainer {
  type: 'admonitionContainer'
  /** The opening line after its colons: `note`, `tip[Title]`, ` info Custom title`. */
  opening: string
  children: Array<BlockContent | DefinitionContent>
  position?: import('unist').Position
}

declare module 'mdast' {
  interface RootContentMap {
    admonitionContainer: AdmonitionContainer
  }
  interface BlockContentMap {
    admonitionContainer: AdmonitionContainer
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    admonitionContainer: 'admonitionContainer'
    admonitionContainerFence: 'admonitionContainerFence'
    admonitionContainerOpening: 'admonitionContainerOpening'
    admonitionContainerContent: 'admonitionContainerContent'
  }
}

const COLON = 58
const isLineEnding = (code: Code): code is number => code !== null && code < -2
const isSpace = (code: Code) => code === -2 || code === -1 || code === 32

const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true }

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => {
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return (next: Code) => (this.parser.lazy[this.now().line] ? nok(next) : ok(next))
  }
}

function tokenizeAdmonitionContainer(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const tail = this.events[this.events.length - 1]
  // Read when needed (micromark sets them on this context): arrow functions keep `this`.
  const interrupting = () => this.interrupt
  const lazy = this.parser.lazy
  const initialSize = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0
  let sizeOpen = 0
  let previous: Token | undefined

  return function start(code) {
    if (code !== COLON) return nok(code)
    effects.enter('admonitionContainer')
    effects.enter('admonitionContainerFence')
    return sequenceOpen(code)
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === COLON) {
      effects.consume(code)
      sizeOpen++
      return sequenceOpen
    }
    if (sizeOpen < 3) return nok(code)
    return beforeName(code)
  }

  function beforeName(code: Code): State | undefined {
    if (isSpace(code)) {
      effects.consume(code)
      return beforeName
    }
    // A name must follow: a letter (a bare `:::` is a closing fence, never an opening).
    if (code === null || !((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) return nok(code)
    effects.enter('admonitionContainerOpening')
    return opening(code)
  }

  function opening(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit('admonitionContainerOpening')
      effects.exit('admonitionContainerFence')
      if (code === null) return after(code)
      if (interrupting()) return ok(code)
      return effects.attempt(nonLazyLine, contentStart, after)(code)
    }
    effects.consume(code)
    return opening
  }

  function contentStart(code: Code): State | undefined {
    if (code === null) return after(code)
    if (isLineEnding(code)) return effects.check(nonLazyLine, emptyContentNonLazyLineAfter, after)(code)
    effects.enter('admonitionContainerContent')
    return lineStart(code)
  }

  function emptyContentNonLazyLineAfter(code: Code): State | undefined {
    effects.enter('admonitionContainerContent')
    return lineStart(code)
  }

  function lineStart(code: Code): State | undefined {
    return effects.attempt({ tokenize: tokenizeClosingFence, partial: true }, afterContent, initialSize ? prefixed : chunkStart)(code)
  }

  function prefixed(code: Code): State | undefined {
    // Strip up to the container's own indentation (a container in a list item).
    let size = 0
    const strip = (next: Code): State | undefined => {
      if (isSpace(next) && size < initialSize) {
        size++
        effects.consume(next)
        return strip
      }
      return chunkStart(next)
    }
    return strip(code)
  }

  function chunkStart(code: Code): State | undefined {
    if (code === null) return afterContent(code)
    if (isLineEnding(code)) return effects.check(nonLazyLine, chunkNonLazyStart, afterContent)(code)
    return chunkNonLazyStart(code)
  }

  function chunkNonLazyStart(code: Code): State | undefined {
    const token = effects.enter('chunkDocument', { contentType: 'document', previous })
    if (previous) previous.next = token
    previous = token
    return contentContinue(code)
  }

  function contentContinue(code: Code): State | undefined {
    if (code === null) {
      const token = effects.exit('chunkDocument')
      lazy[token.start.line] = false
      return afterContent(code)
    }
    if (isLineEnding(code)) return effects.check(nonLazyLine, nonLazyLineAfter, lineAfter)(code)
    effects.consume(code)
    return contentContinue
  }

  function nonLazyLineAfter(code: Code): State | undefined {
    effects.consume(code)
    const token = effects.exit('chunkDocument')
    lazy[token.start.line] = false
    return lineStart
  }

  function lineAfter(code: Code): State | undefined {
    const token = effects.exit('chunkDocument')
    lazy[token.start.line] = false
    return afterContent(code)
  }

  function afterContent(code: Code): State | undefined {
    effects.exit('admonitionContainerContent')
    return after(code)
  }

  function after(code: Code): State | undefined {
    effects.exit('admonitionContainer')
    return ok(code)
  }

  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0
    let indent = 0
    return function start(code) {
      if (isSpace(code) && indent < 3 + initialSize) {
        indent++
        effects.consume(code)
        return start
      }
      effects.enter('admonitionContainerFence')
      return sequence(code)
    }
    function sequence(code: Code): State | undefined {
      if (code === COLON) {
        effects.consume(code)
        size++
        return sequence
      }
      if (size < sizeOpen) return nok(code)
      return end(code)
    }
    function end(code: Code): State | undefined {
      if (isSpace(code)) {
        effects.consume(code)
        return end
      }
      if (code === null || isLineEnding(code)) {
        effects.exit('admonitionContainerFence')
        return ok(code)
      }
      return nok(code)
    }
  }
}

/** micromark extension: admonition containers (flow). */
export function admonitionContainerSyntax(): Extension {
  return { flow: { [COLON]: { name: 'admonitionContainer', tokenize: tokenizeAdmonitionContainer, concrete: true } } }
}

/** mdast extension: `admonitionContainer` nodes with their opening line and Markdown children. */
export function admonitionContainerFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      admonitionContainer(token: MdastToken) {
        this.enter({ type: 'admonitionContainer', opening: '', children: [] } as never, token)
      },
      admonitionContainerOpening(token: MdastToken) {
        const node = this.stack[this.stack.length - 1] as unknown as AdmonitionContainer
        node.opening = this.sliceSerialize(token).trim()
      },
    },
    exit: {
      admonitionContainer(token: MdastToken) {
        this.exit(token)
      },
    },
  }
}
