/** Reading values out of the environment: one rule for blanks, whole numbers and on/off flags. */

export type Env = Readonly<Record<string, string | undefined>>;

/** The trimmed value, or undefined when unset or blank. */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** A whole number from min to max; anything else is a problem naming the variable, and the fallback is used. */
export function readInteger(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = present(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

/** An on/off setting: 1/true/yes/on or 0/false/no/off, any case. */
export function readFlag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = present(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (ON.has(raw)) return true;
  if (OFF.has(raw)) return false;
  problems.push(`${name} must be 1 or 0 (true/false, yes/no, on/off) (got "${raw}")`);
  return fallback;
}
