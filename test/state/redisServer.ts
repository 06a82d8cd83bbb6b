/**
 * A real redis-server for the tests (Debian's redis-server package), started on a free port of
 * 127.0.0.1 with persistence off and stopped after. Locally the Redis tests are skipped, with a
 * message, when redis-server is not installed; in CI (CI=true) they run and fail instead, so a
 * missing install cannot pass unnoticed (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

export const redisInstalled = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
export const inCI = process.env.CI === 'true';
/** Whether the Redis tests run here: always in CI (where a missing redis-server fails them). */
export const runRedisTests = redisInstalled || inCI;

if (!runRedisTests) {
  process.stderr.write('Redis tests skipped: redis-server is not on PATH (apt-get install -y redis-server to run them; in CI they run).\n');
}

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server (on a free port unless given one) and resolves once it accepts connections. */
export async function startRedis(port?: number): Promise<RunningRedis> {
  if (!redisInstalled) throw new Error('redis-server is not on PATH: install it (apt-get install -y redis-server); .ci/run does so in CI');
  port ??= await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
