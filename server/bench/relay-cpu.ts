// Where the CPU goes during a relay bench round, read from Linux's /proc (null on other systems): this
// process's main thread (the API, its inbound SMTP server and the bare server), the whole process
// (with the other threads: the sending client, the next hop, the relay's outbound SMTP worker, V8's
// garbage collector and compiler, libuv's file writes), the
// embedded PostgreSQL (the postmaster, its live processes, and those that already exited), and the
// whole machine (other work on it slows both sides of the comparison alike).
import { readdirSync, readFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  /** Seconds since an arbitrary start: wall clock, then CPU seconds. */
  at: number;
  mainThread: number;
  /** Of mainThread, in the kernel (system calls: sockets, files). */
  mainThreadSystem: number;
  /** Time the main thread was ready to run but waited for a CPU (scheduler statistics), or null. */
  mainThreadWaiting: number | null;
  process: number;
  postgres: number | null;
  /** All CPUs, busy seconds (not idle, not iowait). */
  machine: number;
  eventLoop: EventLoopUtilization;
}

export interface CpuPerMessage {
  /** Milliseconds of CPU per message. */
  mainThreadMs: number;
  /** Of mainThreadMs, in the kernel. */
  mainThreadSystemMs: number;
  /** Milliseconds per message the main thread was ready to run but waited for a CPU (taken by PostgreSQL, the workers, other work). */
  mainThreadWaitingMs: number | null;
  workerThreadsMs: number;
  postgresMs: number | null;
  /** CPUs busy on average during the round (all processes), out of os.cpus().length. */
  machineBusyCpus: number;
  /** Share of the round this thread's event loop was busy (running, or ready to run and waiting for a CPU). */
  eventLoopBusy: number;
}

function fields(path: string): string[] | null {
  try {
    const text = readFileSync(path, 'utf8');
    // The command name (2nd field) may contain spaces; it is in parentheses.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ the reaped children's when asked), in seconds. */
function cpuOf(path: string, withChildren = false, systemOnly = false): number {
  const f = fields(path);
  if (!f) return 0;
  // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  if (systemOnly) return Number(f[12]) / TICKS_PER_SECOND;
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / TICKS_PER_SECOND;
}

function processes(): { pid: number; ppid: number; command: string }[] {
  const list: { pid: number; ppid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = fields(`/proc/${entry}/stat`);
    if (!f) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
    } catch {
      continue;
    }
    list.push({ pid: Number(entry), ppid: Number(f[1]), command });
  }
  return list;
}

/** The embedded PostgreSQL's postmaster: a postgres process started (directly or not) by this process. */
function postgresCpu(): number | null {
  const all = processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const isPostgres = (p: { command: string }) => /(^|\/)postgres$/.test(p.command) || p.command.startsWith('postgres:');
  const descends = (pid: number) => {
    for (let p = byPid.get(pid), hops = 0; p && hops < 10; p = byPid.get(p.ppid), hops++) if (p.ppid === process.pid) return true;
    return false;
  };
  const postmaster = all.find((p) => isPostgres(p) && !isPostgres(byPid.get(p.ppid) ?? { command: '' }) && descends(p.pid));
  if (!postmaster) return null;
  // Its own time and its exited children's, plus the live children (backends, WAL writer, checkpointer, …).
  let seconds = cpuOf(`/proc/${postmaster.pid}/stat`, true);
  for (const p of all) if (p.ppid === postmaster.pid) seconds += cpuOf(`/proc/${p.pid}/stat`);
  return seconds;
}

function machineBusy(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - line[3]! - line[4]!) / TICKS_PER_SECOND;
}

/** The main thread's time on a CPU and waiting for one, in seconds, from /proc's scheduler statistics (nanoseconds). */
function schedstat(): { running: number; waiting: number } | null {
  try {
    const [running, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return running === undefined || waiting === undefined ? null : { running: running / 1e9, waiting: waiting / 1e9 };
  } catch {
    return null;
  }
}

export function cpuSnapshot(): CpuSnapshot | null {
  if (process.platform !== 'linux') return null;
  try {
    const sched = schedstat();
    return {
      at: performance.now() / 1000,
      // Nanoseconds when the kernel has them, else clock ticks (10 ms).
      mainThread: sched?.running ?? cpuOf(`/proc/self/task/${process.pid}/stat`),
      mainThreadWaiting: sched?.waiting ?? null,
      mainThreadSystem: cpuOf(`/proc/self/task/${process.pid}/stat`, false, true),
      process: cpuOf('/proc/self/stat'),
      postgres: postgresCpu(),
      machine: machineBusy(),
      eventLoop: performance.eventLoopUtilization(),
    };
  } catch {
    return null;
  }
}

export function cpuPerMessage(before: CpuSnapshot | null, after: CpuSnapshot | null, messages: number): CpuPerMessage | null {
  if (!before || !after || messages <= 0) return null;
  const ms = (seconds: number) => Math.round((seconds * 1000 * 100) / messages) / 100;
  return {
    mainThreadMs: ms(after.mainThread - before.mainThread),
    mainThreadSystemMs: ms(after.mainThreadSystem - before.mainThreadSystem),
    mainThreadWaitingMs:
      before.mainThreadWaiting === null || after.mainThreadWaiting === null ? null : ms(after.mainThreadWaiting - before.mainThreadWaiting),
    workerThreadsMs: ms(after.process - before.process - (after.mainThread - before.mainThread)),
    postgresMs: before.postgres === null || after.postgres === null ? null : ms(after.postgres - before.postgres),
    machineBusyCpus: Math.round(((after.machine - before.machine) / (after.at - before.at)) * 100) / 100,
    eventLoopBusy: Math.round(performance.eventLoopUtilization(after.eventLoop, before.eventLoop).utilization * 100) / 100,
  };
}
