/** Sets an own, enumerable property, even for a key named `__proto__` (which plain assignment would not create). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
