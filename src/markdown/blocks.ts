/** mdast nodes that cannot contain blocks (headings, lists): walks for blocks skip their insides. */
export const INLINE_OR_LEAF: ReadonlySet<string> = new Set(['paragraph', 'heading', 'code', 'html', 'table', 'thematicBreak', 'definition'])
