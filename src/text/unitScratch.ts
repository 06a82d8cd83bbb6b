/**
 * A buffer of UTF-16 units reused from one text to the next, made into a string in one native
 * step: for loops that build a string unit by unit (folding, matching keys). Allocating an array
 * per text, or joining slices, cost more than the loop itself for the short paragraphs most
 * documents are made of. Beyond REUSED_UNITS a text gets a buffer of its own, dropped at the next
 * reserve, so that one huge line does not keep a huge buffer alive.
 */
const REUSED_UNITS = 1 << 16;

export class UnitScratch {
  private readonly reused = Buffer.alloc(2 * REUSED_UNITS);
  private readonly reusedUnits = new Uint16Array(this.reused.buffer, this.reused.byteOffset, REUSED_UNITS);
  private bytes = this.reused;

  /** Room for `length` units, to write from index 0 (what an earlier text left there is garbage). */
  reserve(length: number): Uint16Array {
    if (length <= REUSED_UNITS) {
      this.bytes = this.reused;
      return this.reusedUnits;
    }
    this.bytes = Buffer.alloc(2 * length);
    return new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, length);
  }

  /** The first `length` units of the last reserve as a string, unpaired surrogates kept as they are. */
  stringOf(length: number): string {
    // Little-endian, as every platform Node runs on.
    return this.bytes.toString('utf16le', 0, 2 * length);
  }
}
