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

/** A closing fence: at least `sizeOpen` colons, indented less than 4 columns past the container's own indent. */
function closingFence(sizeOpen: number, initialSize: number): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
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
    },
  }
}

/**
 * The states of one attempt at a container: the opening fence and line, then
 * each line of content (a nested document) until a closing fence, a lazy
 * line or the end. Each state is a named function of the attempt.
 */
class AdmonitionContainerTokenizer {
  /** The container's own indentation (a container in a list item). */
  private readonly initialSize: number
  private sizeOpen = 0
  private previous: Token | undefined

  constructor(
    private readonly context: TokenizeContext,
    private readonly effects: Effects,
    private readonly ok: State,
    private readonly nok: State,
  ) {
    const tail = context.events[context.events.length - 1]
    this.initialSize = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0
  }

  readonly start: State = (code) => {
    if (code !== COLON) return this.nok(code)
    this.effects.enter('admonitionContainer')
    this.effects.enter('admonitionContainerFence')
    return this.sequenceOpen(code)
  }

  private readonly sequenceOpen = (code: Code): State | undefined => {
    if (code === COLON) {
      this.effects.consume(code)
      this.sizeOpen++
      return this.sequenceOpen
    }
    if (this.sizeOpen < 3) return this.nok(code)
    return this.beforeName(code)
  }

  private readonly beforeName = (code: Code): State | undefined => {
    if (isSpace(code)) {
      this.effects.consume(code)
      return this.beforeName
    }
    // A name must follow: a letter (a bare `:::` is a closing fence, never an opening).
    if (code === null || !((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) return this.nok(code)
    this.effects.enter('admonitionContainerOpening')
    return this.opening(code)
  }

  private readonly opening = (code: Code): State | undefined => {
    if (code === null || isLineEnding(code)) {
      this.effects.exit('admonitionContainerOpening')
      this.effects.exit('admonitionContainerFence')
      if (code === null) return this.after(code)
      if (this.context.interrupt) return this.ok(code)
      return this.effects.attempt(nonLazyLine, this.contentStart, this.after)(code)
    }
    this.effects.consume(code)
    return this.opening
  }

  private readonly contentStart = (code: Code): State | undefined => {
    if (code === null) return this.after(code)
    if (isLineEnding(code)) return this.effects.check(nonLazyLine, this.emptyContentNonLazyLineAfter, this.after)(code)
    this.effects.enter('admonitionContainerContent')
    return this.lineStart(code)
  }

  private readonly emptyContentNonLazyLineAfter = (code: Code): State | undefined => {
    this.effects.enter('admonitionContainerContent')
    return this.lineStart(code)
  }

  private readonly lineStart = (code: Code): State | undefined =>
    this.effects.attempt(
      closingFence(this.sizeOpen, this.initialSize),
      this.afterContent,
      this.initialSize ? this.prefixed : this.chunkStart,
    )(code)

  /** Strip up to the container's own indentation (a container in a list item). */
  private readonly prefixed = (code: Code): State | undefined => {
    let size = 0
    const strip = (next: Code): State | undefined => {
      if (isSpace(next) && size < this.initialSize) {
        size++
        this.effects.consume(next)
        return strip
      }
      return this.chunkStart(next)
    }
    return strip(code)
  }

  private readonly chunkStart = (code: Code): State | undefined => {
    if (code === null) return this.afterContent(code)
    if (isLineEnding(code)) return this.effects.check(nonLazyLine, this.chunkNonLazyStart, this.afterContent)(code)
    return this.chunkNonLazyStart(code)
  }

  private readonly chunkNonLazyStart = (code: Code): State | undefined => {
    const token = this.effects.enter('chunkDocument', { contentType: 'document', previous: this.previous })
    if (this.previous) this.previous.next = token
    this.previous = token
    return this.contentContinue(code)
  }

  private readonly contentContinue = (code: Code): State | undefined => {
    if (code === null) {
      this.endChunk()
      return this.afterContent(code)
    }
    if (isLineEnding(code)) return this.effects.check(nonLazyLine, this.nonLazyLineAfter, this.lineAfter)(code)
    this.effects.consume(code)
    return this.contentContinue
  }

  /** Close the current line's chunk; its line is no lazy line. */
  private endChunk(): void {
    const token = this.effects.exit('chunkDocument')
    this.context.parser.lazy[token.start.line] = false
  }

  private readonly nonLazyLineAfter = (code: Code): State | undefined => {
    this.effects.consume(code)
    this.endChunk()
    return this.lineStart
  }

  private readonly lineAfter = (code: Code): State | undefined => {
    this.endChunk()
    return this.afterContent(code)
  }

  private readonly afterContent = (code: Code): State | undefined => {
    this.effects.exit('admonitionContainerContent')
    return this.after(code)
  }

  private readonly after = (code: Code): State | undefined => {
    this.effects.exit('admonitionContainer')
    return this.ok(code)
  }
}

function tokenizeAdmonitionContainer(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return new AdmonitionContainerTokenizer(this, effects, ok, nok).start
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
