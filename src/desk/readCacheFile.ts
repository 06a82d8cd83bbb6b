/**
 * Reading a file of the cache folder, which anything may have written (another program, a forged
 * snapshot, a link planted by whoever shares the folder): only a regular file, opened without
 * blocking, of at most maxBytes. A link to /dev/zero or a FIFO there is refused, not read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export async function readCacheFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    if (info.size > maxBytes) throw new Error(`${path} holds ${info.size} bytes, more than the ${maxBytes} expected`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
