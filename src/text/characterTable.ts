/**
 * A per-character property (a small number, 0–254) computed once per BMP character and then read
 * by char code. Hot loops over Chinese text must not write `text[i]`: V8 allocates a new string
 * for every character outside Latin-1.
 */
export class CharacterTable {
  private readonly bmp = new Uint8Array(0x10000).fill(UNKNOWN);

  constructor(private readonly compute: (char: string) => number) {}

  /** The property of the code point starting at text[at], `width` UTF-16 units wide. */
  at(text: string, at: number, width: number): number {
    if (width > 1) return this.compute(text.slice(at, at + width));
    const code = text.charCodeAt(at);
    let value = this.bmp[code];
    if (value === UNKNOWN) {
      value = this.compute(String.fromCharCode(code));
      this.bmp[code] = value;
    }
    return value;
  }
}

const UNKNOWN = 255;
