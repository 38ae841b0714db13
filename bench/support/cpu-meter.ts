import fs from 'node:fs';
import os from 'node:os';
import type { Browser, CDPSession } from 'playwright-core';

// CPU time beside wall time for benchmarks that drive `grove serve` from Chromium. Two cores
// are shared by several people: wall times follow the machine's load, CPU times much less.
// The CPU of an action is that of the server process (/proc/PID/stat) plus every Chromium
// process (DevTools' SystemInfo.getProcessInfo); both clocks tick every 10 ms, too coarse for
// one action, so a meter sums a series of actions and gives the mean per action.

/** user + system CPU of a process, ms; NaN where /proc is not there (not Linux). */
export function processCpu(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at "state": utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

export interface CpuReading {
  server: number;
  browser: number;
}

export interface CpuMeter {
  read(): Promise<CpuReading>;
}

export async function cpuMeter(browser: Browser, serverPid: number | undefined): Promise<CpuMeter> {
  let session: CDPSession | null = null;
  try {
    session = await browser.newBrowserCDPSession();
  } catch {
    session = null;
  }
  return {
    async read() {
      let chromium = NaN;
      if (session) {
        const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { cpuTime: number }[] };
        chromium = info.processInfo.reduce((s, p) => s + p.cpuTime * 1000, 0);
      }
      return { server: processCpu(serverPid), browser: chromium };
    },
  };
}

/** Mean CPU per action between two readings, ms. */
export function perAction(from: CpuReading, to: CpuReading, actions: number): CpuReading {
  return { server: (to.server - from.server) / actions, browser: (to.browser - from.browser) / actions };
}

export function loadAverage(): string {
  return `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}
