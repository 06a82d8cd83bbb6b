/**
 * A per-character property (a small number, 0–254) computed once per BMP character and then read
 * by char code. Hot loops over Chinese text must not write `text[i]`: V8 allocates a new string
 * for every character outside Latin-1.
 */
export class CharacterTable {
  /**
   * The property of every BMP unit, UNKNOWN_PROPERTY until it is first asked for. The hottest loops
   * read it directly and call unit() only for UNKNOWN_PROPERTY: until V8 has optimized a loop (most
   * of a cold start), a call per character costs more than the rest of the loop.
   */
  readonly bmp = new Uint8Array(0x10000).fill(UNKNOWN_PROPERTY);

  constructor(private readonly compute: (char: string) => number) {}

  /** The property of the code point starting at text[at], `width` UTF-16 units wide. */
  at(text: string, at: number, width: number): number {
    if (width > 1) return this.compute(text.slice(at, at + width));
    const code = text.charCodeAt(at);
    const value = this.bmp[code];
    return value === UNKNOWN_PROPERTY ? this.unit(code) : value;
  }

  /** The property of one BMP unit, computed (and kept) if it is not known yet. */
  unit(code: number): number {
    let value = this.bmp[code];
    if (value === UNKNOWN_PROPERTY) {
      value = this.compute(String.fromCharCode(code));
      this.bmp[code] = value;
    }
    return value;
  }
}

/** What CharacterTable.bmp holds for a unit whose property is not computed yet. */
export const UNKNOWN_PROPERTY = 255;
