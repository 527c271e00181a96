/** The resident set size of a process, from Linux's /proc/<pid>/status (VmRSS); other systems have no /proc and throw. */
import { readFile } from 'node:fs/promises';

export async function processRssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(match[1]) * 1024;
}
